#ifndef SAPM_CNCURSESW_SHIM_H
#define SAPM_CNCURSESW_SHIM_H
// Wide-character ncurses: without this define Swift imports none of get_wch,
// add_wch, setcchar (see shared/design/PLATFORM-NOTES.md).
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Not declared without _XOPEN_SOURCE; glibc has it.
extern int wcwidth(wchar_t c);
static inline int sapm_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Macros Swift does not import.
static inline int sapm_key_f(int n) { return KEY_F(n); }
static inline attr_t sapm_a_bold(void) { return A_BOLD; }
static inline attr_t sapm_a_reverse(void) { return A_REVERSE; }
static inline attr_t sapm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sapm_a_dim(void) { return A_DIM; }
static inline attr_t sapm_a_italic(void) { return A_ITALIC; }
static inline WINDOW *sapm_stdscr(void) { return stdscr; }
static inline int sapm_lines(void) { return LINES; }
static inline int sapm_cols(void) { return COLS; }
static inline int sapm_colors(void) { return COLORS; }
static inline int sapm_color_pairs(void) { return COLOR_PAIRS; }

static inline mmask_t sapm_mouse_mask(void) {
  return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int sapm_mouse_is_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int sapm_mouse_is_wheel_down(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }
static inline int sapm_mouse_is_click(mmask_t m) { return (m & (BUTTON1_CLICKED | BUTTON1_PRESSED)) != 0; }

/// Sets a wide cell with an extended colour pair (pairs above 255 need the opts pointer).
static inline int sapm_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
  cchar_t cc;
  if (setcchar(&cc, wch, attrs, 0, &pair) != OK) return ERR;
  return mvadd_wch(y, x, &cc);
}

// Bracketed paste (xterm, tmux, most terminals): the terminal wraps pasted text in
// ESC[200~ … ESC[201~ once the application asks with ESC[?2004h.
enum { SAPM_KEY_PASTE_BEGIN = KEY_MAX + 1, SAPM_KEY_PASTE_END = KEY_MAX + 2 };
static inline void sapm_bracketed_paste(int on) {
  define_key("\033[200~", on ? SAPM_KEY_PASTE_BEGIN : 0);
  define_key("\033[201~", on ? SAPM_KEY_PASTE_END : 0);
  const char *seq = on ? "\033[?2004h" : "\033[?2004l";
  fputs(seq, stdout);
  fflush(stdout);
}
#include <term.h>
// Whether terminfo knows `term` and it can address the cursor: 1 yes, 0 the entry
// has no cursor addressing (dumb), -1 no entry on this machine. Loads the entry
// into a private TERMINAL and frees it, leaving no state behind.
static inline int sapm_term_check(const char *term) {
  int err = 0;
  TERMINAL *previous = cur_term;
  if (setupterm(term, -1, &err) != OK) { return -1; }
  char *cup = tigetstr("cup");
  int ok = (cup != NULL && cup != (char *)-1) ? 1 : 0;
  TERMINAL *loaded = cur_term;
  set_curterm(previous);
  del_curterm(loaded);
  return ok;
}

#endif
