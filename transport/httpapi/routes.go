package httpapi

import "net/http"

// route is one entry of the API surface. The OpenAPI document is checked
// against this table by a test, so the two cannot drift apart.
type route struct {
	Method  string
	Pattern string // net/http ServeMux pattern
	Auth    bool   // requires a signed-in user
	Handler http.HandlerFunc
}

// routes is the whole HTTP surface in one place.
func (s *server) routes() []route {
	return []route{
		{"GET", "/healthz", false, s.healthz},
		{"GET", "/readyz", false, s.readyz},
		{"GET", "/metrics", false, s.metrics},
		{"GET", "/api/openapi.json", false, s.openapi},

		{"POST", "/api/auth/signup", false, s.signup},
		{"POST", "/api/auth/signin", false, s.signin},
		{"POST", "/api/auth/signout", false, s.signout},
		{"POST", "/api/auth/signout-all", true, s.signoutEverywhere},
		{"GET", "/api/auth/session", true, s.session},
		{"POST", "/api/auth/verify-email", false, s.verifyEmail},
		{"POST", "/api/auth/verify-email/resend", false, s.resendVerification},
		{"POST", "/api/auth/password/forgot", false, s.forgotPassword},
		{"POST", "/api/auth/password/reset", false, s.resetPassword},
		{"POST", "/api/auth/password", true, s.changePassword},
		{"GET", "/api/auth/providers", false, s.providers},
		{"GET", "/api/auth/oauth/{provider}", false, s.oauthStart},
		{"GET", "/api/auth/oauth/{provider}/callback", false, s.oauthCallback},

		{"GET", "/api/users/profile", true, s.getProfile},
		{"PATCH", "/api/users/profile", true, s.patchProfile},
		{"GET", "/api/users/credits", true, s.credits},

		{"GET", "/api/problems", false, s.listProblems},
		{"GET", "/api/problems/facets", false, s.problemFacets},
		{"GET", "/api/problems/random", false, s.randomProblem},
		{"GET", "/api/problems/{slug}", false, s.getProblem},

		{"GET", "/api/sessions", true, s.listSessions},
		{"POST", "/api/sessions/start", true, s.startSession},
		{"GET", "/api/sessions/{id}", true, s.getSession},
		{"PATCH", "/api/sessions/{id}", true, s.patchSession},
		{"POST", "/api/sessions/{id}/end", true, s.endSession},
		{"POST", "/api/sessions/{id}/code", true, s.saveCode},
		{"POST", "/api/sessions/{id}/hint", true, s.hint},
		{"POST", "/api/sessions/{id}/chat", true, s.chat},
		{"GET", "/api/sessions/{id}/transcript", true, s.transcript},
		{"GET", "/api/sessions/{id}/snapshots", true, s.snapshots},
		{"POST", "/api/sessions/{id}/execute", true, s.execute},

		{"POST", "/api/realtime/token", true, s.realtimeToken},
		{"GET", "/ws", false, s.websocket},
	}
}
