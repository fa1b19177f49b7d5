// The few things Swift cannot take from <ncurses.h> directly.
// Feature macros first: wide-character curses (get_wch, cchar_t) and glibc's wcwidth.
#ifndef SMTPCODES_CNCURSESW_SHIM_H
#define SMTPCODES_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE 700
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>

// C globals that Swift 6 strict concurrency rejects.
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline WINDOW *shim_curscr(void) { return curscr; }
static inline FILE *shim_stdout(void) { return stdout; }
static inline FILE *shim_stdin(void) { return stdin; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }

// Attribute macros.
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_italic(void) { return A_ITALIC; }

/// 1 when the terminal can address the cursor (TERM=dumb cannot).
static inline int shim_can_address_cursor(void) {
  char *cup = tigetstr("cup");
  return cup != NULL && cup != (char *)-1;
}

#endif
