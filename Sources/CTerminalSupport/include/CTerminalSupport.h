// Process-level helpers for the curses backend, compiled as C on their own so that their system
// headers (signal.h, ioctl) never meet Swift's Glibc module with other feature macros.
#ifndef SMTPCODES_CTERMINALSUPPORT_H
#define SMTPCODES_CTERMINALSUPPORT_H

/// Termination signals (SIGTERM, SIGHUP, SIGINT) only record themselves for the main loop; fatal
/// signals (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE) end curses and re-raise.
void ts_install_signal_handlers(void);

/// The termination signal received, or 0.
int ts_pending_signal(void);

/// Re-raises a signal with its default action.
void ts_reraise(int sig);

/// Stops the process group like Ctrl-Z in cooked mode would; returns after `fg`.
void ts_suspend(void);

/// The terminal size from the kernel; 0 on success.
int ts_window_size(int *rows, int *cols);

/// setlocale(LC_ALL, ""), then C.UTF-8 for LC_CTYPE if the charset is not UTF-8.
void ts_setup_locale(void);

/// Waits up to `milliseconds` for input on stdin: 1 readable, 0 nothing, -1 the terminal is gone
/// (hangup or error: curses would spin reading end-of-file).
int ts_wait_for_input(int milliseconds);

#endif
