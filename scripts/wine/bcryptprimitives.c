/*
 * bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it: Go's
 * runtime draws its random seeds from ProcessPrng in this
 * DLL at start-up, and a Windows build of borderwork stops without it.
 * This one exports ProcessPrng alone, from RtlGenRandom
 * (SystemFunction036 in advapi32), which Wine has. Used only by
 * scripts/cross-arch-test, which compiles it with MinGW-w64 and copies it
 * into a scratch Wine prefix's system32 (Go loads system DLLs only from
 * there); nothing of borderwork's results depends on it.
 */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n)
{
	while (n > 0) {
		ULONG chunk = n > 0x40000000 ? 0x40000000 : (ULONG)n;
		if (!RtlGenRandom(data, chunk))
			return FALSE;
		data += chunk;
		n -= chunk;
	}
	return TRUE;
}
