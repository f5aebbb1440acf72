package governance

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// ChainVersion names the canonical encoding; a future change of the
// encoding gets a new name so old entries still verify.
const ChainVersion = "mockroom-audit-v1"

// ChainFields is what an audit entry's hash covers. The personal fields
// (actor, target id, metadata, IP) enter only through their digests, so an
// erasure can set them to NULL without breaking the chain: the digest stays,
// and a value that is present must still match it.
type ChainFields struct {
	Seq            int64
	ID             string
	Action         string
	TargetType     string
	CreatedAt      string // sqlcore.TimeLayout, UTC
	ActorDigest    string
	TargetDigest   string
	MetadataDigest string
	IPDigest       string
	PrevHash       string
}

// FieldDigest is the digest of one personal field of entry id: "" for an
// empty value. The entry id and field name salt it, so equal values in two
// entries do not link them.
func FieldDigest(id, field, value string) string {
	if value == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(id + "\x00" + field + "\x00" + value))
	return hex.EncodeToString(sum[:])
}

// Hash is the entry's hash: SHA-256 over a length-prefixed encoding of its
// fields and the previous entry's hash, so that no two field lists encode
// alike and changing any entry changes every hash after it.
func (f ChainFields) Hash() string {
	var b strings.Builder
	for _, v := range []string{ChainVersion, strconv.FormatInt(f.Seq, 10), f.ID, f.Action, f.TargetType, f.CreatedAt,
		f.ActorDigest, f.TargetDigest, f.MetadataDigest, f.IPDigest, f.PrevHash} {
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Pseudonym is the stable pseudonymous id under which a deleted account
// appears in the audit entry of its deletion: it links that entry to
// nothing that remains, yet someone who still holds the old id (a support
// ticket, a backup) can confirm it was this account.
func Pseudonym(userID string) string {
	sum := sha256.Sum256([]byte("mockroom-user\x00" + strings.ToLower(userID)))
	return "deleted:" + hex.EncodeToString(sum[:16])
}
