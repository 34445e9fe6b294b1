/**
 * The V8 flags the extension starts the language server with; the benchmark starts it the same way.
 *
 * V8 lets the young generation grow to 16 MB per semi-space (over 32 MB in all) while much of what
 * is allocated survives a scavenge, as an analysis kept for the next request does, and gives the
 * room back only when it next shrinks the heap. After a burst of typing and opening files the
 * server sat at three times its usual size. With at most 4 MB per semi-space the young generation
 * stays small: scavenges come more often, and what outlives them is promoted sooner and collected
 * with the old generation. In the memory probe of the benchmark's sequence the RSS right after
 * opening every corpus file went from 204 to 97 MB (bench/README.md has the runs, and what is still
 * open). The heap's limit is left alone: a 1 GB limit also helped, but a generated 100,000-line
 * file, which the server analyses in 2.8 GB, then crashed it.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
