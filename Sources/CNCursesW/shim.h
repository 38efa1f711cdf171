#ifndef SAPM_CNCURSESW_SHIM_H
#define SAPM_CNCURSESW_SHIM_H
// Wide-character ncurses: without this define Swift imports none of get_wch,
// add_wch, setcchar (see shared/design/PLATFORM-NOTES.md).
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

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

#endif
