package httpapi

import (
	"net/http"
	"sort"
	"time"

	"github.com/mockroom/mockroom/account"
)

const sessionCookie = "mockroom_session"

type userJSON struct {
	ID      string `json:"id"`
	Email   string `json:"email"`
	IsAdmin bool   `json:"is_admin"`
}

type authResponse struct {
	User    userJSON         `json:"user"`
	Profile *account.Profile `json:"profile"`
}

func client(r *http.Request) account.Client {
	return account.Client{IP: clientIP(r), UserAgent: r.UserAgent()}
}

func (s *server) setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		MaxAge: int(time.Until(expires).Seconds()), HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

func (s *server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
		FullName string `json:"full_name"`
	}
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	signed, err := s.Accounts.Signup(r.Context(), in.Email, in.Password, in.FullName, client(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.setSessionCookie(w, signed.Token, signed.Expires)
	writeJSON(w, http.StatusCreated, authResponse{User: userJSON{signed.User.ID, signed.User.Email, signed.User.IsAdmin}, Profile: signed.Profile})
}

func (s *server) signin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	signed, err := s.Accounts.Signin(r.Context(), in.Email, in.Password, client(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.setSessionCookie(w, signed.Token, signed.Expires)
	writeJSON(w, http.StatusOK, authResponse{User: userJSON{signed.User.ID, signed.User.Email, signed.User.IsAdmin}, Profile: signed.Profile})
}

func (s *server) signout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.Accounts.Signout(r.Context(), c.Value); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	// An open interview room must not outlive the sign-out that ended its
	// user's access (the socket's token was checked only when it opened).
	if u := s.currentUser(r); u != nil && s.Realtime != nil {
		s.Realtime.CloseUser(u.ID)
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) session(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	p, err := s.Accounts.Profile(r.Context(), u.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, authResponse{User: userJSON{u.ID, u.Email, u.IsAdmin}, Profile: p})
}

func (s *server) providers(w http.ResponseWriter, r *http.Request) {
	names := []string{}
	for n := range s.oauth {
		names = append(names, n)
	}
	sort.Strings(names)
	writeJSON(w, http.StatusOK, map[string][]string{"providers": names})
}
