#ifndef CURIO_CNCURSES_SHIM_H
#define CURIO_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>

static inline WINDOW *curio_stdscr(void) { return stdscr; }
static inline int curio_lines(void) { return LINES; }
static inline int curio_cols(void) { return COLS; }
static inline int curio_key_f(int n) { return KEY_F(n); }
static inline attr_t curio_a_bold(void) { return A_BOLD; }
static inline attr_t curio_a_dim(void) { return A_DIM; }
static inline attr_t curio_a_reverse(void) { return A_REVERSE; }
static inline attr_t curio_a_underline(void) { return A_UNDERLINE; }
static inline attr_t curio_a_normal(void) { return A_NORMAL; }
static inline attr_t curio_color_pair(int n) { return COLOR_PAIR(n); }
static inline int curio_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int curio_getmaxx(WINDOW *w) { return getmaxx(w); }
#endif
