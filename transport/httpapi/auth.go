package httpapi

import (
	"net/http"
	"sort"
	"time"

	"github.com/mockroom/mockroom/account"
)

const sessionCookie = "mockroom_session"

type userJSON struct {
	ID            string `json:"id"`
	Email         string `json:"email"`
	IsAdmin       bool   `json:"is_admin"`
	EmailVerified bool   `json:"email_verified"`
	HasPassword   bool   `json:"has_password" description:"false for an account made through a provider: deleting it asks for the e-mail address typed out instead of a password"`
}

func toUserJSON(u *account.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, IsAdmin: u.IsAdmin, EmailVerified: u.EmailVerified, HasPassword: u.PasswordHash != ""}
}

type authResponse struct {
	User    userJSON         `json:"user"`
	Profile *account.Profile `json:"profile"`
}

// checkInbox is the one answer to every request whose outcome must not say
// whether an address has an account.
var checkInbox = statusBody{Status: "check_inbox"}

func (s *server) client(r *http.Request) account.Client {
	return account.Client{IP: s.clientIP(r), UserAgent: r.UserAgent()}
}

func (s *server) setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		MaxAge: int(time.Until(expires).Seconds()), HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

func (s *server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// signedIn sets the cookie and answers with the user and profile.
func (s *server) signedIn(w http.ResponseWriter, status int, signed *account.Signed) {
	s.setSessionCookie(w, signed.Token, signed.Expires)
	writeJSON(w, status, authResponse{User: toUserJSON(signed.User), Profile: signed.Profile})
}

func (s *server) signup(w http.ResponseWriter, r *http.Request) {
	var in signupRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	signed, err := s.Accounts.Signup(r.Context(), account.SignupInput{Email: in.Email, Password: in.Password, FullName: in.FullName, Invite: in.Invite}, s.client(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if signed == nil { // the mail path: the same answer for a new and a taken address
		writeJSON(w, http.StatusAccepted, checkInbox)
		return
	}
	s.signedIn(w, http.StatusCreated, signed)
}

func (s *server) signin(w http.ResponseWriter, r *http.Request) {
	var in signinRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	signed, err := s.Accounts.Signin(r.Context(), in.Email, in.Password, s.client(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.signedIn(w, http.StatusOK, signed)
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

// signoutEverywhere revokes every session of the user and closes their
// sockets.
func (s *server) signoutEverywhere(w http.ResponseWriter, r *http.Request) {
	if err := s.Accounts.SignoutEverywhere(r.Context(), userID(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.closeUserSockets(userID(r))
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) changePassword(w http.ResponseWriter, r *http.Request) {
	var in passwordChange
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	current := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		current = c.Value
	}
	if err := s.Accounts.ChangePassword(r.Context(), userID(r), current, in.CurrentPassword, in.NewPassword); err != nil {
		s.writeError(w, r, err)
		return
	}
	// Other sessions were revoked; their sockets go too. This one's stay.
	s.closeUserSockets(userID(r))
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) forgotPassword(w http.ResponseWriter, r *http.Request) {
	var in emailRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Accounts.ForgotPassword(r.Context(), in.Email, s.client(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, checkInbox)
}

func (s *server) resetPassword(w http.ResponseWriter, r *http.Request) {
	var in passwordReset
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	signed, err := s.Accounts.ResetPassword(r.Context(), in.Token, in.Password, s.client(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.closeUserSockets(signed.User.ID)
	s.signedIn(w, http.StatusOK, signed)
}

func (s *server) verifyEmail(w http.ResponseWriter, r *http.Request) {
	var in emailToken
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	signed, err := s.Accounts.VerifyEmail(r.Context(), in.Token, s.client(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.signedIn(w, http.StatusOK, signed)
}

func (s *server) resendVerification(w http.ResponseWriter, r *http.Request) {
	var in emailRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Accounts.ResendVerification(r.Context(), in.Email, s.client(r)); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, checkInbox)
}

// closeUserSockets ends every open interview socket of the user (their
// sessions were just revoked).
func (s *server) closeUserSockets(userID string) {
	if s.Realtime != nil {
		s.Realtime.CloseUser(userID)
	}
}

func (s *server) session(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	p, err := s.Accounts.Profile(r.Context(), u.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, authResponse{User: toUserJSON(u), Profile: p})
}

// providers tells the sign-in pages what this server offers: OAuth
// providers, who may sign up, and whether mail (verification, reset) works.
func (s *server) providers(w http.ResponseWriter, r *http.Request) {
	names := []string{}
	for n := range s.oauth {
		names = append(names, n)
	}
	sort.Strings(names)
	writeJSON(w, http.StatusOK, providersBody{Providers: names, Signups: s.Accounts.Signups(), Mail: s.Accounts.MailEnabled()})
}
