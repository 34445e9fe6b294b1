/**
 * The V8 flags the extension starts the language server with; the benchmark starts it the same way.
 *
 * V8 lets the young generation grow to 16 MB per semi-space (over 32 MB in all) while much of what
 * is allocated survives a scavenge, as an analysis kept for the next request does, and gives the
 * room back only when it next shrinks the heap. After a burst of typing and opening files the
 * server sat at three times its usual size. With at most 4 MB per semi-space the young generation
 * stays small: scavenges come more often, and what outlives them is promoted sooner and collected
 * with the old generation. In the memory probe of the benchmark's sequence the RSS right after
 * opening every corpus file went from 204 to 97 MB, though the full benchmark still saw 190 MB once:
 * the old generation, too, is let grow to several times what survived its last collection before it
 * is collected again. `--heap-growing-percent=50` lets it grow by half: in the same probe, 131 and
 * 139 MB without it, 100 and 97 MB with it, for 0.3 ms more CPU per version (paired runs). It costs
 * big files more collections (10% more time per version on a generated 10,000-line file, whose peak
 * RSS goes from 225 to 147 MB); a tighter 20% cost those 40%. The heap's limit is left alone: a 1 GB
 * limit also helped, but a generated 100,000-line file, which the server analyses in 2.8 GB, then
 * crashed it.
 *
 * `--v8-pool-size=1` gives V8 one thread for its background work (compiling hot functions, marking
 * and sweeping the heap) instead of four. Each of those threads allocates from a malloc arena of its
 * own, and what is freed there stays in the process: with every corpus file open, the four arenas
 * held 14 MB after 150 s at rest, the one 4 MB (as rcjsuen's server's do). Paired typing runs saw
 * no cost: p50 0.94 against 1.01 ms and CPU per version 3.98 against 4.22 ms, one background thread
 * against four. bench/README.md has the runs, and what is still open.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=50', '--v8-pool-size=1'];
