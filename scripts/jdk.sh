# Sourced by ./nextword, ./run-tests and .ci/run: points JAVA_HOME at a JDK 25 or exits with a clear message.
nextword_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25([."]|-)'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "nextword: needs a JDK 25 (set JAVA_HOME, or install one under /usr/lib/jvm)." >&2
  exit 1
}
# Maven 3.8 on JDK 25 warns about sun.misc.Unsafe in its own guava; that noise is not ours.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
nextword_find_jdk
