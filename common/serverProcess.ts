/**
 * The V8 flags the extension starts the language server with; the benchmark starts it the same way.
 *
 * Node sizes a process's heap for the machine (a quarter of its memory, up to 4 GB), and with a limit
 * of 2 GB or more V8 lets the old generation grow to four times what its last full collection left
 * before it collects again; below that, by less. An analysis is garbage one keystroke later, but by
 * then it has lived through a young collection or two and been promoted: typing into a 10,000-line
 * file left over 100 MB of garbage in the old generation, with 15 MB alive. A limit of 1 GB (the
 * server holds about 20 MB with all 723 corpus files open) makes V8 collect far sooner, and a young
 * generation of at most 4 MB instead of 16 keeps no large space for garbage that dies young anyway.
 * In the benchmark the RSS right after opening every corpus file went from 301 to 97 MB; typing cost
 * 0.03 to 0.10 ms more per keystroke at the median, and about 7% more CPU (bench/README.md).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-old-space-size=1024', '--max-semi-space-size=4'];
