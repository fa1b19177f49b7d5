#define _GNU_SOURCE
#include "CTerminalSupport.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

// MARK: The signal table

enum handling {
  /// Sent from outside (kill, the terminal, a timer): while the event loop polls, only recorded,
  /// so the loop ends curses between frames; otherwise the terminal is restored at once.
  ASYNCHRONOUS,
  /// A fault or a trap of this process (a crash, a Swift runtime trap, abort()): the terminal is
  /// restored at once, whatever the process was doing.
  FATAL,
};

/// Every signal whose default action terminates the process or dumps core (signal(7)), except
/// SIGKILL and SIGSTOP, which cannot be caught. The real-time signals (also "terminate") are
/// added at run time: SIGRTMIN..SIGRTMAX are not constants.
static const struct {
  int signal;
  enum handling handling;
} signal_table[] = {
    {SIGHUP, ASYNCHRONOUS},  {SIGINT, ASYNCHRONOUS},  {SIGQUIT, ASYNCHRONOUS},
    {SIGILL, FATAL},         {SIGTRAP, FATAL},        {SIGABRT, FATAL},
    {SIGBUS, FATAL},         {SIGFPE, FATAL},         {SIGUSR1, ASYNCHRONOUS},
    {SIGSEGV, FATAL},        {SIGUSR2, ASYNCHRONOUS}, {SIGPIPE, ASYNCHRONOUS},
    {SIGALRM, ASYNCHRONOUS}, {SIGTERM, ASYNCHRONOUS},
#ifdef SIGSTKFLT
    {SIGSTKFLT, ASYNCHRONOUS},
#endif
    {SIGXCPU, ASYNCHRONOUS}, {SIGXFSZ, ASYNCHRONOUS}, {SIGVTALRM, ASYNCHRONOUS},
    {SIGPROF, ASYNCHRONOUS},
#ifdef SIGIO
    {SIGIO, ASYNCHRONOUS},
#endif
#ifdef SIGPWR
    {SIGPWR, ASYNCHRONOUS},
#endif
#ifdef SIGEMT
    {SIGEMT, FATAL},
#endif
    {SIGSYS, FATAL},
};
enum { TABLE_COUNT = sizeof signal_table / sizeof signal_table[0] };

#ifdef SIGRTMIN
enum { MAX_SIGNALS = TABLE_COUNT + 64 };
#else
enum { MAX_SIGNALS = TABLE_COUNT };
#endif

/// What was installed, and what was there before (put back by ts_finish_terminal).
static int installed_signals[MAX_SIGNALS];
static struct sigaction previous_actions[MAX_SIGNALS];
static int installed_count = 0;

int ts_signal_count(void) {
  int count = TABLE_COUNT;
#ifdef SIGRTMIN
  count += SIGRTMAX - SIGRTMIN + 1;
#endif
  return count;
}

int ts_signal_at(int index) {
  if (index < 0) return 0;
  if (index < (int)TABLE_COUNT) return signal_table[index].signal;
#ifdef SIGRTMIN
  int realtime = SIGRTMIN + (index - (int)TABLE_COUNT);
  if (realtime <= SIGRTMAX) return realtime;
#endif
  return 0;
}

static int is_fatal(int sig) {
  for (unsigned i = 0; i < TABLE_COUNT; i++) {
    if (signal_table[i].signal == sig) return signal_table[i].handling == FATAL;
  }
  return 0;
}

// MARK: Restoring the terminal

static volatile sig_atomic_t pending = 0;
static volatile sig_atomic_t loop_polls = 0;
/// 1 while curses owns the terminal: the signal path restores it then.
static volatile sig_atomic_t armed = 0;

/// 1 once curses has started (ts_set_leave_sequence): only then are escape sequences sent on
/// exit; before it, only the tty modes are put back.
static volatile sig_atomic_t entered = 0;

static int terminal_fd = -1;
static struct termios saved_modes;
static int have_saved_modes = 0;

/// Off for the modes curses knows nothing about: bracketed paste and every mouse mode. Sent on
/// every exit, whether or not they were turned on.
static const char modes_off[] = "\033[?2004l\033[?1006l\033[?1002l\033[?1000l";

/// What endwin would send: keypad off, cursor visible, attributes off, leave the alternate
/// screen (from terminfo, set by ts_set_leave_sequence).
static char leave_sequence[512];
static size_t leave_length = 0;

static void write_all(int fd, const char *bytes, size_t length) {
  while (length > 0) {
    ssize_t written = write(fd, bytes, length);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;
    }
    bytes += written;
    length -= (size_t)written;
  }
}

void ts_save_terminal(int fd) {
  terminal_fd = fd;
  have_saved_modes = tcgetattr(fd, &saved_modes) == 0;
}

/// What turns on the modes of modes_off that this session uses (bracketed paste, mouse).
static char modes_on[64];
static size_t modes_on_length = 0;

void ts_set_modes_on(const char *sequence) {
  size_t length = strlen(sequence);
  if (length >= sizeof modes_on) length = sizeof modes_on - 1;
  memcpy(modes_on, sequence, length);
  modes_on[length] = 0;
  modes_on_length = length;
}

void ts_modes_on(void) {
  if (terminal_fd >= 0 && entered) write_all(terminal_fd, modes_on, modes_on_length);
}

void ts_modes_off(void) {
  if (terminal_fd >= 0 && entered) write_all(terminal_fd, modes_off, sizeof modes_off - 1);
}

int ts_write_terminal(const char *bytes, size_t length) {
  if (terminal_fd < 0 || !entered) return 0;
  write_all(terminal_fd, bytes, length);
  return 1;
}

void ts_set_leave_sequence(const char *sequence) {
  size_t length = strlen(sequence);
  if (length >= sizeof leave_sequence) length = sizeof leave_sequence - 1;
  memcpy(leave_sequence, sequence, length);
  leave_sequence[length] = 0;
  leave_length = length;
  entered = 1;
}

void ts_restore_terminal(void) {
  if (!armed) return;
  armed = 0;
  if (terminal_fd < 0) return;
  if (entered) {
    write_all(terminal_fd, modes_off, sizeof modes_off - 1);
    write_all(terminal_fd, leave_sequence, leave_length);
  }
  if (have_saved_modes) tcsetattr(terminal_fd, TCSANOW, &saved_modes);
}

/// Default action, unblocked, raised: the process ends by `sig` as the sender meant.
static void die_by(int sig) {
  struct sigaction by_default;
  memset(&by_default, 0, sizeof by_default);
  sigemptyset(&by_default.sa_mask);
  by_default.sa_handler = SIG_DFL;
  sigaction(sig, &by_default, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  // A fault returns here only if it was not delivered; never go on with a broken state.
  _exit(128 + sig);
}

static void on_signal(int sig) {
  int saved_errno = errno;
  if (!is_fatal(sig) && loop_polls && pending == 0) {
    pending = sig;
    errno = saved_errno;
    return;
  }
  ts_restore_terminal();
  die_by(sig);
}

/// SIGWINCH only cuts the input wait short; the event loop reads the new size itself. (Caught
/// here, curses does not install its own handler, which would resize its screens to whatever
/// the window is, however large, on the next refresh.)
static volatile sig_atomic_t window_changed = 0;

static void on_window_change(int sig) {
  (void)sig;
  window_changed = 1;
}

int ts_take_window_change(void) {
  int changed = window_changed;
  window_changed = 0;
  return changed;
}

void ts_install_signal_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigfillset(&action.sa_mask);
  action.sa_handler = on_signal;
  // SA_NODEFER: a fault inside the handler (or the re-raise) is delivered, not blocked.
  action.sa_flags = SA_NODEFER;
  sigset_t wanted;
  sigemptyset(&wanted);
  installed_count = 0;
  int count = ts_signal_count();
  for (int i = 0; i < count && installed_count < MAX_SIGNALS; i++) {
    int sig = ts_signal_at(i);
    if (sig <= 0) continue;
    if (sigaction(sig, &action, &previous_actions[installed_count]) != 0) continue;
    installed_signals[installed_count++] = sig;
    sigaddset(&wanted, sig);
  }
  struct sigaction window_change;
  memset(&window_change, 0, sizeof window_change);
  sigemptyset(&window_change.sa_mask);
  window_change.sa_handler = on_window_change;
  if (installed_count < MAX_SIGNALS &&
      sigaction(SIGWINCH, &window_change, &previous_actions[installed_count]) == 0) {
    installed_signals[installed_count++] = SIGWINCH;
  }
  // A signal mask is inherited: a parent that blocked these would leave the explorer deaf to
  // hangups, termination and resizes.
  int also[] = {SIGWINCH, SIGTSTP, SIGCONT};
  for (unsigned i = 0; i < sizeof also / sizeof also[0]; i++) sigaddset(&wanted, also[i]);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
  armed = 1;
}

void ts_finish_terminal(void) {
  armed = 0;
  loop_polls = 0;
  if (terminal_fd >= 0 && entered) write_all(terminal_fd, modes_off, sizeof modes_off - 1);
  entered = 0;
  for (int i = 0; i < installed_count; i++) {
    sigaction(installed_signals[i], &previous_actions[i], NULL);
  }
  installed_count = 0;
}

void ts_event_loop_polls(int polls) { loop_polls = polls != 0; }

int ts_pending_signal(void) { return pending; }

void ts_reraise(int sig) {
  ts_restore_terminal();
  die_by(sig);
}

void ts_suspend(void) {
  struct sigaction previous, by_default;
  memset(&by_default, 0, sizeof by_default);
  sigemptyset(&by_default.sa_mask);
  by_default.sa_handler = SIG_DFL;
  sigaction(SIGTSTP, &by_default, &previous);
  kill(0, SIGTSTP);
  sigaction(SIGTSTP, &previous, NULL);
}

int ts_window_size(int *rows, int *cols) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) return -1;
  *rows = size.ws_row;
  *cols = size.ws_col;
  return 0;
}

void ts_setup_locale(void) {
  setlocale(LC_ALL, "");
  const char *codeset = nl_langinfo(CODESET);
  if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) {
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
  }
}

int ts_wait_for_input(int milliseconds) {
  struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
  int ready = poll(&input, 1, milliseconds);
  if (ready <= 0) return 0;
  if (input.revents & (POLLHUP | POLLERR | POLLNVAL)) return -1;
  return (input.revents & POLLIN) ? 1 : 0;
}

extern char **environ;

int ts_run_foreground(char *const argv[]) {
  struct sigaction ignore, old_int, old_quit;
  memset(&ignore, 0, sizeof ignore);
  sigemptyset(&ignore.sa_mask);
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGQUIT, &ignore, &old_quit);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  sigaddset(&defaults, SIGTSTP);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGHUP);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  pid_t child;
  int started = posix_spawnp(&child, argv[0], NULL, &attributes, argv, environ);
  posix_spawnattr_destroy(&attributes);
  int status = -1;
  if (started == 0) {
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
  } else {
    errno = started;
  }
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGQUIT, &old_quit, NULL);
  return status;
}
