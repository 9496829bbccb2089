/* Values other units test: every one but `toggled` keeps its definition's
   value on every path of the program, because no unit writes it. */

int configured = 1;
int disabled;
int retries = 5;
int toggled = 1;
const int ENABLED = 1;

int always_true(void) { return 1; }
int always_false(void) { return 0; }

void toggle(void) { toggled = !toggled; }
