/* The batched linear-trend fit against the memory floor, in C, outside the package:
 * how close to the floor a kernel gets without Swift's constraints (docs/performance.md,
 * "Batched linear trends"). Not built by the package.
 *
 *   gcc -O3 -fopenmp -o linear-floor linear-floor.c -lm
 *   ./linear-floor MODE      # prints fit time / floor time (floor ms) for 10 iterations
 *
 * The panel: 1,000,000 series x 20 years; 2 threads; chunks of 2048 series. The floor
 * sums the panel as 64-bit integers (bandwidth-bound, not latency-bound).
 * MODE 0: AVX2, two series interleaved, results into arrays already touched
 *      1: as 0, results staged per chunk and written back with non-temporal stores
 *      2: SSE2, two series interleaved, results into arrays already touched
 *      3: as 0, results into fresh arrays (malloc per iteration)
 *      4: as 3, the fresh arrays' pages advised to be 2 MB (madvise MADV_HUGEPAGE)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <stdint.h>
#include <immintrin.h>
#include <omp.h>
#include <sys/mman.h>
int N=20;
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
long M=1000000;
double P0[64],P1[64],T[64];
typedef double v4 __attribute__((vector_size(32)));
#define CH 2048
__attribute__((target("avx2"))) static inline v4 ld4(const double*p){v4 r;memcpy(&r,p,32);return r;}
__attribute__((target("avx2"))) void fitB(const double*y,double*o[5],int nt){
 #pragma omp parallel num_threads(2)
 { double st[5][CH] __attribute__((aligned(64)));
 #pragma omp for schedule(static,1)
 for(long c=0;c<(M+CH-1)/CH;c++){long f=c*CH,cnt=M-f<CH?M-f:CH;
  for(long j=0;j<cnt;j+=2){const double*v=y+(f+j)*N,*w=v+N;v4 a0={0,0,0,0},b0=a0,a1=a0,b1=a0;
  for(int i=0;i<N;i+=4){v4 p=ld4(P0+i),q=ld4(P1+i),y0=ld4(v+i),y1=ld4(w+i);a0+=y0*p;b0+=y0*q;a1+=y1*p;b1+=y1*q;}
  double a=a0[0]+a0[1]+a0[2]+a0[3],b=b0[0]+b0[1]+b0[2]+b0[3],c2=a1[0]+a1[1]+a1[2]+a1[3],d2=b1[0]+b1[1]+b1[2]+b1[3];
  v4 A={a,a,a,a},B={b,b,b,b},C={c2,c2,c2,c2},D={d2,d2,d2,d2};v4 r0={0,0,0,0},r1=r0;
  for(int i=0;i<N;i+=4){v4 t=ld4(T+i);v4 e0=ld4(v+i)-(A+B*t),e1=ld4(w+i)-(C+D*t);r0+=e0*e0;r1+=e1*e1;}
  double r=r0[0]+r0[1]+r0[2]+r0[3],u=r1[0]+r1[1]+r1[2]+r1[3];
  double d=sqrt(r/18),e=sqrt(u/18);
  double*O[5];for(int k=0;k<5;k++)O[k]=nt?st[k]+j:o[k]+f+j;
  O[0][0]=a;O[1][0]=b;O[2][0]=d;O[3][0]=d*0.1;O[4][0]=18;O[0][1]=c2;O[1][1]=d2;O[2][1]=e;O[3][1]=e*0.1;O[4][1]=18;}
  if(nt){for(int k=0;k<5;k++){double*dst=o[k]+f;long j=0;for(;j<cnt&&((uintptr_t)(dst+j)&31);j++)dst[j]=st[k][j];
     for(;j+4<=cnt;j+=4)_mm256_stream_pd(dst+j,_mm256_loadu_pd(st[k]+j));for(;j<cnt;j++)dst[j]=st[k][j];}}
 }
 _mm_sfence();}
}
typedef double v2 __attribute__((vector_size(16)));
static inline v2 ld2(const double*p){v2 r;memcpy(&r,p,16);return r;}
/* 2 series interleaved, SSE2 */
void fitC(const double*y,double*o[5]){
 #pragma omp parallel for schedule(static,2048) num_threads(2)
 for(long s=0;s<M;s+=2){const double*v=y+s*N;const double*w=v+N;v2 a0={0,0},a1=a0,b0=a0,b1=a0,c0=a0,c1=a0,d0=a0,d1=a0;
  for(int i=0;i<N;i+=4){v2 p0=ld2(P0+i),p1=ld2(P0+i+2),q0=ld2(P1+i),q1=ld2(P1+i+2);
   v2 y0=ld2(v+i),y1=ld2(v+i+2),z0=ld2(w+i),z1=ld2(w+i+2);a0+=y0*p0;a1+=y1*p1;b0+=y0*q0;b1+=y1*q1;c0+=z0*p0;c1+=z1*p1;d0+=z0*q0;d1+=z1*q1;}
  v2 as=a0+a1,bs=b0+b1,cs=c0+c1,ds=d0+d1;double a=as[0]+as[1],b=bs[0]+bs[1],c=cs[0]+cs[1],dd=ds[0]+ds[1];
  v2 A={a,a},B={b,b},C={c,c},D={dd,dd};v2 r0={0,0},r1=r0,u0=r0,u1=r0;
  for(int i=0;i<N;i+=4){v2 t0=ld2(T+i),t1=ld2(T+i+2);v2 e0=ld2(v+i)-(A+B*t0),e1=ld2(v+i+2)-(A+B*t1);r0+=e0*e0;r1+=e1*e1;
   v2 f0=ld2(w+i)-(C+D*t0),f1=ld2(w+i+2)-(C+D*t1);u0+=f0*f0;u1+=f1*f1;}
  v2 rs=r0+r1,us=u0+u1;double r=rs[0]+rs[1],u=us[0]+us[1];
  double d=sqrt(r/18),e=sqrt(u/18);o[0][s]=a;o[1][s]=b;o[2][s]=d;o[3][s]=d*0.1;o[4][s]=18;o[0][s+1]=c;o[1][s+1]=dd;o[2][s+1]=e;o[3][s+1]=e*0.1;o[4][s+1]=18;}
}
double floorread(const double*y){uint64_t tot=0;const uint64_t*q=(const uint64_t*)y;
 #pragma omp parallel for reduction(+:tot) num_threads(2)
 for(long i=0;i<M*N;i++) tot+=q[i];
 return (double)tot;}
int main(int argc,char**argv){int mode=atoi(argv[1]);
 double*y=malloc(M*N*8);for(long i=0;i<M*N;i++)y[i]=drand48()*100+i%N;
 for(int i=0;i<N;i++){T[i]=i-9.5;P0[i]=1.0/N;P1[i]=T[i]/665.0;}
 double*o[5];for(int k=0;k<5;k++){o[k]=malloc(M*8);memset(o[k],0,M*8);}
 for(int it=0;it<10;it++){
  double t0=now();volatile double x=floorread(y);double t1=now();
  if(mode<2)fitB(y,o,mode);else if(mode==2)fitC(y,o);else{double*f[5];for(int k=0;k<5;k++){f[k]=malloc(M*8+4096);if(mode==4){uintptr_t a=((uintptr_t)f[k]+2097151)&~2097151UL,e=((uintptr_t)f[k]+M*8)&~2097151UL;if(e>a)madvise((void*)a,e-a,MADV_HUGEPAGE);}}fitB(y,f,0);for(int k=0;k<5;k++)free(f[k]);}
  double t2=now();printf("%.2f(%.1f) ",(t2-t1)/(t1-t0),(t1-t0)*1e3);}
 printf(" mode %d\n",mode);}
