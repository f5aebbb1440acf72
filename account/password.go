package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// ValidatePassword applies the password rules: 8 characters at least, 256
// bytes at most, and not all whitespace (eight spaces pass a length check
// and are the first thing a guesser tries).
func ValidatePassword(password string) error {
	if n := utf8.RuneCountInString(password); n < MinPasswordLen {
		return invalid("weak_password", "password must be at least %d characters", MinPasswordLen)
	}
	if len(password) > MaxPasswordLen {
		return invalid("invalid", "password must be at most %d bytes", MaxPasswordLen)
	}
	if strings.TrimSpace(password) == "" {
		return invalid("weak_password", "password must not be only spaces")
	}
	return nil
}

// Argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane) keeps a
// sign-in near 30 ms on one core, so a burst of sign-ins cannot starve the
// interview traffic sharing the machine.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns a PHC-formatted argon2id hash.
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches a hash made by HashPassword.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when an email is unknown, so that sign-in
// takes as long for a missing account as for a wrong password.
var dummyHash, _ = HashPassword("mockroom-timing-equaliser")
