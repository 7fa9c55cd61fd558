// libjpeg-turbo's TurboJPEG API: errors come back as values (tjGetErrorStr2), with no setjmp.
#include <turbojpeg.h>
