// CBLAS from OpenBLAS (Debian: /usr/include/x86_64-linux-gnu/cblas.h) and LAPACKE
// (Debian: /usr/include/lapacke.h). Debian's OpenBLAS ships no LAPACKE, so both
// libopenblas and liblapacke are linked (see module.modulemap).
#ifndef PROGNOS_CLAPACK_SHIM_H
#define PROGNOS_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
// cblas.h also declares OpenBLAS's own controls: openblas_set_num_threads,
// openblas_get_num_threads, openblas_get_corename.
#endif
