// libpng's simplified API (png_image_*): errors come back as values, with no setjmp.
#include <png.h>
