#define _GNU_SOURCE
#include "CTerminalSupport.h"

#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

// From ncursesw, which the executable links; declared here to keep curses headers out of C.
extern int endwin(void);

static volatile sig_atomic_t pending = 0;

static void on_termination(int sig) { pending = sig; }

static void on_fatal(int sig) {
  endwin();
  signal(sig, SIG_DFL);
  raise(sig);
}

void ts_install_signal_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_handler = on_termination;
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  struct sigaction fatal;
  memset(&fatal, 0, sizeof fatal);
  sigemptyset(&fatal.sa_mask);
  fatal.sa_handler = on_fatal;
  fatal.sa_flags = SA_RESETHAND | SA_NODEFER;
  int fatals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (unsigned i = 0; i < sizeof fatals / sizeof fatals[0]; i++) sigaction(fatals[i], &fatal, NULL);
  // A signal mask is inherited: a parent that blocked these would leave the explorer deaf to
  // hangups, termination and resizes.
  sigset_t wanted;
  sigemptyset(&wanted);
  int handled[] = {SIGTERM, SIGHUP, SIGINT, SIGWINCH, SIGTSTP, SIGCONT};
  for (unsigned i = 0; i < sizeof handled / sizeof handled[0]; i++) sigaddset(&wanted, handled[i]);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

int ts_pending_signal(void) { return pending; }

void ts_reraise(int sig) {
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
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
