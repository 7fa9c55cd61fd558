// OpenBLAS's C interface (Debian's libopenblas-dev): single-precision matrix products for MatMul, Gemm and
// the convolutions, and the call that keeps it to the calling thread.
#include <cblas.h>
