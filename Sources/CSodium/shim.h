// libsodium (Debian's libsodium-dev): its Ed25519 verification is the fastest of the
// implementations measured here (docs/performance.md, "Signatures"), and every signed
// record is verified once per account.
#include <sodium.h>
