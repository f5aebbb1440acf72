package httpapi

import (
	"net/http"

	"github.com/mockroom/mockroom"
)

// deleteAccountRequest re-authenticates an account deletion.
type deleteAccountRequest struct {
	Password     string `json:"password,omitempty" description:"the current password, for an account that has one"`
	ConfirmEmail string `json:"confirm_email,omitempty" description:"the account's e-mail address typed out, for an account made through a provider (no password)"`
}

// ForceRequestBody documents the body of a DELETE, which the reflector
// otherwise leaves out.
func (deleteAccountRequest) ForceRequestBody() {}

func (s *server) governanceOff(w http.ResponseWriter, r *http.Request) bool {
	if s.Governance != nil {
		return false
	}
	s.writeError(w, r, mockroom.Errorf(mockroom.KindUnavailable, "unavailable", "data export and deletion are not available on this server"))
	return true
}

// exportData answers the user's whole data package as a zip, built on the
// spot (docs/adr/0014-data-governance.md says why synchronous).
func (s *server) exportData(w http.ResponseWriter, r *http.Request) {
	if s.governanceOff(w, r) {
		return
	}
	a, err := s.Governance.Export(r.Context(), userID(r), s.clientIP(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", `attachment; filename="`+a.Name+`"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.Body)
}

// deleteData deletes the account for good, then signs this browser out and
// closes the user's sockets (their other sessions went with the account).
func (s *server) deleteData(w http.ResponseWriter, r *http.Request) {
	if s.governanceOff(w, r) {
		return
	}
	var in deleteAccountRequest
	if err := decode(w, r, &in, 0); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := userID(r)
	if _, err := s.Governance.DeleteAccount(r.Context(), id, in.Password, in.ConfirmEmail); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.closeUserSockets(id)
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}
