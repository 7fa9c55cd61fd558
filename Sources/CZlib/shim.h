// zlib's gz* functions, for the gzipped IDX files of Debian's dataset-fashion-mnist.
#include <zlib.h>
