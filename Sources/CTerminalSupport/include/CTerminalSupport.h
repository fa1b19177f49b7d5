// Process-level helpers for the curses backend, compiled as C on their own so that their system
// headers (signal.h, ioctl) never meet Swift's Glibc module with other feature macros.
#ifndef SMTPCODES_CTERMINALSUPPORT_H
#define SMTPCODES_CTERMINALSUPPORT_H

#include <stddef.h>

// MARK: One exit path for the terminal
//
// Use: ts_save_terminal(fd) and ts_install_signal_handlers() before curses starts;
// ts_set_leave_sequence(terminfo's rmkx cnorm sgr0 rmcup) once it has; ts_finish_terminal()
// after endwin() on a normal exit. In between, every signal whose default action terminates the
// process or dumps core (one table, support.c) restores the terminal (tty modes, keypad, cursor,
// attributes, alternate screen, bracketed paste and mouse off) and then ends the process by that
// same signal, so the shell sees the real status.

/// Records the tty modes of `fd` (the terminal curses will drive) before curses changes them.
void ts_save_terminal(int fd);

/// What leaves curses' screen modes, from terminfo (copied; at most 511 bytes). Call it as soon
/// as curses has started: from then on every exit also sends these and the "off" sequences.
void ts_set_leave_sequence(const char *sequence);

/// The sequence that turns on the modes this session uses (bracketed paste, SGR mouse; copied, at
/// most 63 bytes); ts_modes_on() sends it, ts_modes_off() sends their "off" sequences (every exit
/// path sends those too). Both only once curses has started.
void ts_set_modes_on(const char *sequence);
void ts_modes_on(void);
void ts_modes_off(void);

/// Writes bytes straight to the terminal (OSC 52, after curses has flushed); 1 if curses is
/// running and they were written, else 0.
int ts_write_terminal(const char *bytes, size_t length);

/// Catches every signal of the table and unblocks them (and SIGWINCH, SIGTSTP, SIGCONT); arms
/// the restore. Fatal signals (faults, traps, abort) restore at once; the others too unless the
/// event loop polls (ts_event_loop_polls(1)): then the first one is only recorded for the loop
/// (ts_pending_signal), which ends curses between frames; a second one restores at once.
void ts_install_signal_handlers(void);

/// Async-signal-safe: if armed, writes the "off" sequences and puts the saved tty modes back;
/// then disarms. Callable from a signal handler or a crash path.
void ts_restore_terminal(void);

/// A normal exit, after endwin(): bracketed paste and mouse off, disarm, and give back the signal
/// dispositions there were before ts_install_signal_handlers.
void ts_finish_terminal(void);

/// 1 while an event loop checks ts_pending_signal() at least every ~100 ms.
void ts_event_loop_polls(int polls);

/// The asynchronous signal recorded for the event loop, or 0.
int ts_pending_signal(void);

/// Restores the terminal if still armed, then ends the process by `sig` (default action,
/// unblocked). Does not return.
void ts_reraise(int sig);

/// The signals of the table (then SIGRTMIN..SIGRTMAX): how many, and the one at `index`.
int ts_signal_count(void);
int ts_signal_at(int index);

/// Stops the process group like Ctrl-Z in cooked mode would; returns after `fg`.
void ts_suspend(void);

/// 1 if SIGWINCH came since the last call (then 0 until the next one).
int ts_take_window_change(void);

/// Runs argv[0] (found on PATH) with argv and this environment, in the foreground, and waits for
/// it. Interrupt and quit are left to the child meanwhile (ignored here, as system(3) does).
/// Returns the wait status, or -1 with errno set when it could not be started.
int ts_run_foreground(char *const argv[]);

/// The terminal size from the kernel; 0 on success.
int ts_window_size(int *rows, int *cols);

/// setlocale(LC_ALL, ""), then C.UTF-8 for LC_CTYPE if the charset is not UTF-8.
void ts_setup_locale(void);

/// Waits up to `milliseconds` for input on stdin: 1 readable, 0 nothing, -1 the terminal is gone
/// (hangup or error: curses would spin reading end-of-file).
int ts_wait_for_input(int milliseconds);

#endif
