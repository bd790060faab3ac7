#ifndef CURIO_CNCURSES_SHIM_H
#define CURIO_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <langinfo.h>
#include <signal.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <pty.h>
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

/* Globals and macros that Swift cannot reach directly. */
static inline int curio_colors(void) { return COLORS; }
static inline int curio_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *curio_curscr(void) { return curscr; }
static inline int curio_key_code_yes(void) { return KEY_CODE_YES; }

/* Cells curses will give a character (wcwidth needs _XOPEN_SOURCE, so declare it here). */
extern int wcwidth(wchar_t c);
static inline int curio_wcwidth(wchar_t c) { return wcwidth(c); }

/* 1 when the current terminal can move the cursor (has "cup"); TERM=dumb cannot. */
static inline int curio_has_cursor_addressing(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* Mouse: report clicks and the wheel. Returns the mask actually granted. */
static inline mmask_t curio_enable_mouse(void) {
    return mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}

/* Reads the pending mouse event after KEY_MOUSE: kind 1 click, 2 wheel up, 3 wheel down, 0 other. */
static inline int curio_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
    if (event.bstate & BUTTON5_PRESSED) return 3;
    return 0;
}

/* 1 when the current LC_CTYPE locale uses UTF-8. */
static inline int curio_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ioctl is variadic, so Swift cannot call it: window size get/set for a terminal fd. */
static inline int curio_set_winsize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

/* A pseudo-terminal pair of the given size (openpty is in libc since glibc 2.34). */
static inline int curio_openpty(int *master, int *slave, unsigned short rows, unsigned short cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;
    return openpty(master, slave, NULL, NULL, &ws);
}

/* Installs `handler` for `sig` without SA_RESTART, so a blocked read returns at once. */
static inline int curio_install_signal(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(sig, &sa, NULL);
}

/* Unblocks `sig` for the calling thread (a parent may have started us with it blocked). */
static inline int curio_unblock_signal(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* Ignores `sig` from now on. */
static inline int curio_ignore_signal(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

/* Restores the default action for `sig`. */
static inline int curio_default_signal(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}
#endif
