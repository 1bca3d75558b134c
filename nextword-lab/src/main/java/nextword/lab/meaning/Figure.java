package nextword.lab.meaning;

import java.nio.file.Path;

/** A picture an experiment wrote, with the sentence that says what it shows (for the lab's HTML page). */
public record Figure(Path png, String title, String caption) {}
