// Package redact removes personal data (e-mail addresses, phone numbers and
// names) from interview text before it is stored as a transcript or sent to
// a model provider (seed section 7: PII minimisation).
//
// It is deliberately conservative about code: text inside backticks or
// fenced blocks is left alone except for e-mail addresses with a common
// top-level domain, and the patterns need the shape of real contact data
// (a phone number has separators in phone places or a leading +, or a word
// like "phone" just before it), so member access like user.email, a.b@c,
// version numbers, timestamps, dates and arrays of numbers pass unchanged.
package redact

import (
	"regexp"
	"strings"
)

// Markers put in place of what was removed.
const (
	Email = "[email]"
	Phone = "[phone]"
	Name  = "[name]"
)

var (
	// An address: a local part, @, a dotted domain ending in a 2+ letter
	// top-level domain.
	emailRE = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.([A-Za-z]{2,24})\b`)
	// Phones: +country and 7-14 more digits in groups; or the North American
	// 3-3-4 shape with separators; or any 7-15 digit run (with separators)
	// right after a word that says it is a phone number.
	intlPhoneRE = regexp.MustCompile(`\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}\d`)
	nanpPhoneRE = regexp.MustCompile(`(?:\(\d{3}\)\s?|\b\d{3}[ .-])\d{3}[ .-]\d{4}\b`)
	cuePhoneRE  = regexp.MustCompile(`(?i)\b(?:phone|cell|mobile|tel|telephone|whatsapp|call me at|text me at|reach me at|my number is|number is)\b[\s:#.]*((?:\+?\d[\d ().-]{5,18}\d))`)
	// Self-introductions: the cue is matched in any case, the name must be
	// capitalised (one to three words).
	introRE = regexp.MustCompile(`\b(?i:my name is|my name's|name's|i am called|i'm called|call me|i am|i'm)\s+([A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+){0,2})`)
	codeRE  = regexp.MustCompile("(?s)```.*?(?:```|$)|`[^`\n]*`")
)

// commonTLDs are the domains whose addresses are redacted even inside code:
// a string literal "ada@example.com" is an address, x@self.weights is not.
var commonTLDs = map[string]bool{
	"com": true, "org": true, "net": true, "io": true, "dev": true, "edu": true, "gov": true, "co": true,
	"uk": true, "de": true, "fr": true, "in": true, "ca": true, "au": true, "me": true, "ai": true, "app": true,
	"us": true, "info": true, "biz": true, "nl": true, "es": true, "it": true, "jp": true, "cn": true, "br": true,
}

// notNames follow "I'm" or "this is" capitalised without being names:
// languages, tools and the words a candidate starts a sentence with.
var notNames = map[string]bool{
	"python": true, "java": true, "javascript": true, "typescript": true, "go": true, "golang": true, "rust": true, "c": true,
	"not": true, "sure": true, "done": true, "ready": true, "here": true, "back": true, "stuck": true, "thinking": true,
	"going": true, "trying": true, "using": true, "fine": true, "good": true, "ok": true, "okay": true, "happy": true,
	"sorry": true, "confused": true, "assuming": true, "wondering": true, "also": true, "just": true, "still": true,
	"the": true, "a": true, "an": true, "it": true, "that": true, "what": true, "how": true, "why": true, "o": true,
	"big": true, "linear": true, "quadratic": true, "correct": true, "right": true, "wrong": true, "interested": true,
	"new": true, "familiar": true, "and": true, "so": true, "now": true, "yes": true, "no": true,
}

// Redactor redacts text; the zero value knows no names but still removes
// addresses, phone numbers and self-introduced names.
type Redactor struct {
	full   []*regexp.Regexp // a known full name, any case
	tokens []*regexp.Regexp // each word of a known name, as capitalised
}

// New returns a redactor that also removes the given names (a user's
// profile name): the whole name in any case, and each of its words of two
// or more letters where it appears capitalised as a word.
func New(names ...string) *Redactor {
	r := &Redactor{}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if len([]rune(n)) < 2 {
			continue
		}
		r.full = append(r.full, regexp.MustCompile(`(?i)\b`+strings.ReplaceAll(regexp.QuoteMeta(n), " ", `\s+`)+`\b`))
		for _, w := range strings.Fields(n) {
			if len([]rune(w)) < 2 || notNames[strings.ToLower(w)] {
				continue
			}
			// As written in the profile, and capitalised.
			capital := strings.ToUpper(w[:1]) + w[1:]
			r.tokens = append(r.tokens, regexp.MustCompile(`\b(?:`+regexp.QuoteMeta(w)+`|`+regexp.QuoteMeta(capital)+`)\b`))
		}
	}
	return r
}

// Text returns s with personal data replaced by markers.
func (r *Redactor) Text(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range codeRE.FindAllStringIndex(s, -1) {
		b.WriteString(r.prose(s[last:m[0]]))
		b.WriteString(codeEmails(s[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(r.prose(s[last:]))
	return b.String()
}

// Text redacts s with no names known.
func Text(s string) string { return (&Redactor{}).Text(s) }

func (r *Redactor) prose(s string) string {
	if s == "" {
		return s
	}
	s = emailRE.ReplaceAllString(s, Email)
	s = replaceGroup(cuePhoneRE, s, Phone)
	s = intlPhoneRE.ReplaceAllString(s, Phone)
	s = nanpPhoneRE.ReplaceAllString(s, Phone)
	for _, re := range r.full {
		s = re.ReplaceAllString(s, Name)
	}
	for _, re := range r.tokens {
		s = re.ReplaceAllString(s, Name)
	}
	return introNames(s)
}

// replaceGroup replaces the first capture group of each match with marker.
func replaceGroup(re *regexp.Regexp, s, marker string) string {
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(s[last:m[2]])
		b.WriteString(marker)
		last = m[3]
	}
	b.WriteString(s[last:])
	return b.String()
}

// introNames replaces the name in "my name is X" and the like, unless the
// first word is one that is no name ("I'm Not sure", "I'm Python-first").
func introNames(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range introRE.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		first := strings.ToLower(strings.Fields(name)[0])
		if notNames[first] || strings.ContainsAny(name, "[]") {
			continue
		}
		b.WriteString(s[last:m[2]])
		b.WriteString(Name)
		last = m[3]
	}
	b.WriteString(s[last:])
	return b.String()
}

// codeEmails redacts only addresses with a common top-level domain inside
// code, where everything else that looks like contact data is code.
func codeEmails(s string) string {
	return emailRE.ReplaceAllStringFunc(s, func(m string) string {
		tld := m[strings.LastIndex(m, ".")+1:]
		if commonTLDs[strings.ToLower(tld)] {
			return Email
		}
		return m
	})
}
