package httpapi

import (
	"net/http"

	"github.com/mockroom/mockroom/account"
	"github.com/mockroom/mockroom/admin"
	"github.com/mockroom/mockroom/admin/authoring"
	"github.com/mockroom/mockroom/billing"
	"github.com/mockroom/mockroom/evaluation"
	"github.com/mockroom/mockroom/interview"
	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/problem"
)

// route is one entry of the API surface. The OpenAPI document is generated
// from this table (contract.go), so the two cannot drift apart.
type route struct {
	Method  string
	Pattern string // net/http ServeMux pattern
	Auth    bool   // requires a signed-in user
	Handler http.HandlerFunc
	Doc     doc
}

// routes is the whole HTTP surface in one place.
func (s *server) routes() []route {
	const (
		ops      = "operations"
		auth     = "auth"
		users    = "users"
		problems = "problems"
		sessions = "sessions"
		payments = "payments"
		adm      = "admin"
	)
	return []route{
		{"GET", "/healthz", false, s.healthz, doc{Tag: ops, Summary: "The process is up", Out: statusBody{}}},
		{"GET", "/readyz", false, s.readyz, doc{Tag: ops, Summary: "The database is reachable and migrated", Out: statusBody{}}},
		{"GET", "/metrics", false, s.metrics, doc{Tag: ops, Summary: "Prometheus metrics", Out: "", ContentType: "text/plain"}},
		{"GET", "/api/openapi.json", false, s.openapi, doc{Tag: ops, Summary: "This document", Out: map[string]any{}}},

		{"POST", "/api/auth/signup", false, s.signup, doc{Tag: auth, Summary: "Create an account; signs in at once, or (with mail) answers check_inbox whether or not the address is taken", Body: signupRequest{}, Out: authResponse{}, Status: http.StatusCreated, More: []response{{http.StatusAccepted, statusBody{}}}}},
		{"POST", "/api/auth/signin", false, s.signin, doc{Tag: auth, Summary: "Sign in with e-mail and password", Body: signinRequest{}, Out: authResponse{}}},
		{"POST", "/api/auth/signout", false, s.signout, doc{Tag: auth, Summary: "Sign out this browser (and close its sockets)", Status: http.StatusNoContent}},
		{"POST", "/api/auth/signout-all", true, s.signoutEverywhere, doc{Tag: auth, Summary: "Sign out every browser", Status: http.StatusNoContent}},
		{"GET", "/api/auth/session", true, s.session, doc{Tag: auth, Summary: "Who is signed in", Out: authResponse{}}},
		{"POST", "/api/auth/verify-email", false, s.verifyEmail, doc{Tag: auth, Summary: "Confirm an e-mail address with the link's token; signs in", Body: emailToken{}, Out: authResponse{}}},
		{"POST", "/api/auth/verify-email/resend", false, s.resendVerification, doc{Tag: auth, Summary: "Send the confirmation link again", Body: emailRequest{}, Out: statusBody{}, Status: http.StatusAccepted}},
		{"POST", "/api/auth/password/forgot", false, s.forgotPassword, doc{Tag: auth, Summary: "Mail a password-reset link", Body: emailRequest{}, Out: statusBody{}, Status: http.StatusAccepted}},
		{"POST", "/api/auth/password/reset", false, s.resetPassword, doc{Tag: auth, Summary: "Set a new password with the link's token; signs in and signs out everywhere else", Body: passwordReset{}, Out: authResponse{}}},
		{"POST", "/api/auth/password", true, s.changePassword, doc{Tag: auth, Summary: "Change your password (other sessions are signed out)", Body: passwordChange{}, Status: http.StatusNoContent}},
		{"GET", "/api/auth/providers", false, s.providers, doc{Tag: auth, Summary: "The sign-in providers and sign-up mode", Out: providersBody{}}},
		{"GET", "/api/auth/oauth/{provider}", false, s.oauthStart, doc{Tag: auth, Summary: "Start signing in with a provider (redirects to it)", Params: oauthParams{}, Status: http.StatusFound}},
		{"GET", "/api/auth/oauth/{provider}/callback", false, s.oauthCallback, doc{Tag: auth, Summary: "The provider's redirect back (redirects into the app)", Params: oauthCallbackParams{}, Status: http.StatusFound}},

		{"GET", "/api/users/profile", true, s.getProfile, doc{Tag: users, Summary: "Your profile", Out: account.Profile{}}},
		{"PATCH", "/api/users/profile", true, s.patchProfile, doc{Tag: users, Summary: "Change your profile", Body: profileUpdate{}, Out: account.Profile{}}},
		{"GET", "/api/users/progress", true, s.progress, doc{Tag: users, Summary: "Your evaluated interviews, oldest first, with their scores per dimension", Out: progressBody{}}},
		{"GET", "/api/users/credits", true, s.credits, doc{Tag: users, Summary: "Your credit balance and the last 100 ledger rows", Out: creditsBody{}}},
		{"POST", "/api/users/data-export", true, s.exportData, doc{Tag: users, Summary: "Download everything stored about you: a zip of JSON per table and a Markdown report per interview (at most 5 an hour)", Out: "", ContentType: "application/zip"}},
		{"DELETE", "/api/users/data", true, s.deleteData, doc{Tag: users, Summary: "Delete your account and all its data, at once and for good; needs your password (or, without one, your e-mail typed out); signs you out everywhere", Body: deleteAccountRequest{}, Status: http.StatusNoContent}},

		{"GET", "/api/payments/config", false, s.paymentsConfig, doc{Tag: payments, Summary: "Whether payments are on, and the credit packs and subscription plans for sale", Out: paymentsConfigBody{}}},
		{"GET", "/api/payments", true, s.listPayments, doc{Tag: payments, Summary: "Your credit-pack purchases, newest first", Out: paymentsBody{}}},
		{"POST", "/api/payments/create-intent", true, s.createIntent, doc{Tag: payments, Summary: "Start buying a credit pack as a Stripe PaymentIntent (confirm it with Stripe.js); 503 payments_disabled without Stripe", Body: creditPackageRequest{}, Out: billing.Intent{}}},
		{"POST", "/api/payments/checkout", true, s.checkout, doc{Tag: payments, Summary: "Start buying a credit pack on Stripe's hosted Checkout page (send the browser to url)", Body: creditPackageRequest{}, Out: billing.Checkout{}}},
		{"POST", webhookPath, false, s.stripeWebhook, doc{Tag: payments, Summary: "Stripe's webhook: verifies Stripe-Signature and queues the event; credits change exactly once per event", Body: map[string]any{}, Out: receivedBody{}}},
		{"GET", "/api/subscriptions", true, s.listSubscriptions, doc{Tag: payments, Summary: "Your subscription tier and subscriptions", Out: subscriptionsBody{}}},
		{"POST", "/api/subscriptions/create", true, s.createSubscription, doc{Tag: payments, Summary: "Subscribe to a tier on Stripe's hosted Checkout page (send the browser to url)", Body: tierRequest{}, Out: billing.Checkout{}}},
		{"POST", "/api/subscriptions/cancel", true, s.cancelSubscription, doc{Tag: payments, Summary: "Cancel your subscription at the end of the paid period", Out: billing.Subscription{}}},
		{"GET", "/api/subscriptions/portal", true, s.subscriptionPortal, doc{Tag: payments, Summary: "A Stripe Customer Portal link (invoices, card, plan)", Out: urlBody{}}},

		{"GET", "/api/problems", false, s.listProblems, doc{Tag: problems, Summary: "List problems", Params: problemListQuery{}, Out: problemList{}}},
		{"GET", "/api/problems/facets", false, s.problemFacets, doc{Tag: problems, Summary: "Categories and companies to filter by", Out: problem.Facets{}}},
		{"GET", "/api/problems/random", false, s.randomProblem, doc{Tag: problems, Summary: "A random problem matching the filters", Params: problemQuery{}, Out: problemDetail{}}},
		{"GET", "/api/problems/{slug}", false, s.getProblem, doc{Tag: problems, Summary: "One problem as a candidate sees it", Params: slugParams{}, Out: problemDetail{}}},

		{"GET", "/api/sessions", true, s.listSessions, doc{Tag: sessions, Summary: "Your interviews, newest first", Out: sessionList{}}},
		{"POST", "/api/sessions/start", true, s.startSession, doc{Tag: sessions, Summary: "Start an interview (uses a credit)", Body: startRequest{}, Out: interview.Session{}, Status: http.StatusCreated}},
		{"GET", "/api/sessions/{id}", true, s.getSession, doc{Tag: sessions, Summary: "What the interview room loads", Params: idParams{}, Out: sessionView{}}},
		{"PATCH", "/api/sessions/{id}", true, s.patchSession, doc{Tag: sessions, Summary: "Switch language (keeping the code of each) or complete the interview; answers the new view", Params: idParams{}, Body: sessionPatch{}, Out: sessionView{}}},
		{"POST", "/api/sessions/{id}/end", true, s.endSession, doc{Tag: sessions, Summary: "End the interview", Params: idParams{}, Out: interview.Session{}}},
		{"POST", "/api/sessions/{id}/code", true, s.saveCode, doc{Tag: sessions, Summary: "Save the code (the REST fallback of the socket's code_edit)", Params: idParams{}, Body: saveCodeRequest{}, Out: savedBody{}}},
		{"POST", "/api/sessions/{id}/hint", true, s.hint, doc{Tag: sessions, Summary: "Take the next hint", Params: idParams{}, Out: hintBody{}}},
		{"POST", "/api/sessions/{id}/chat", true, s.chat, doc{Tag: sessions, Summary: "Say something to the interviewer; answers the latest lines of the conversation", Params: idParams{}, Body: chatRequest{}, Out: transcriptBody{}}},
		{"GET", "/api/sessions/{id}/transcript", true, s.transcript, doc{Tag: sessions, Summary: "The conversation so far", Params: idParams{}, Out: transcriptBody{}}},
		{"GET", "/api/sessions/{id}/snapshots", true, s.snapshots, doc{Tag: sessions, Summary: "The saved versions of the code", Params: idParams{}, Out: snapshotsBody{}}},
		{"GET", "/api/sessions/{id}/evaluation", true, s.evaluationView, doc{Tag: sessions, Summary: "The report: the evaluation once it is ready (status pending until then) and what the session's model calls cost", Params: idParams{}, Out: evaluation.View{}}},
		{"GET", "/api/sessions/{id}/solution", true, s.solution, doc{Tag: sessions, Summary: "The reference solution in the session's language and the problem's editorial, once the interview has ended (409 interview_in_progress before)", Params: idParams{}, Out: evaluation.ReferenceSolution{}}},
		{"GET", "/api/sessions/{id}/export", true, s.exportSession, doc{Tag: sessions, Summary: "The session in the recorded-session format (docs/recorded-sessions.md), for mockroom evaluate", Params: idParams{}, Out: evaluation.Recording{}}},
		{"POST", "/api/sessions/{id}/execute", true, s.execute, doc{Tag: sessions, Summary: "Run the examples (and a custom input) or submit against the hidden tests", Params: idParams{}, Body: executeRequest{}, Out: judge.Report{}}},

		// Every /api/admin/ route is for admins only (403 admin_only otherwise)
		// and audited: see isAdminRoute.
		{"GET", "/api/admin/users", true, s.adminUsers, doc{Tag: adm, Summary: "Search users by e-mail or name, with their credits and number of interviews", Params: adminUserQuery{}, Out: adminUserList{}}},
		{"GET", "/api/admin/users/{id}", true, s.adminUser, doc{Tag: adm, Summary: "One user: their interviews and credit ledger", Params: idParams{}, Out: admin.UserDetail{}}},
		{"POST", "/api/admin/users/{id}/credits", true, s.adminGrant, doc{Tag: adm, Summary: "Grant credits: a bonus ledger row naming you as the admin who granted it", Params: idParams{}, Body: grantRequest{}, Out: admin.LedgerRow{}, Status: http.StatusCreated}},
		{"POST", "/api/admin/users/{id}/suspend", true, s.adminSuspend, doc{Tag: adm, Summary: "Suspend a user: they are signed out everywhere and cannot sign in or use the API", Params: idParams{}, Out: admin.UserDetail{}}},
		{"POST", "/api/admin/users/{id}/unsuspend", true, s.adminUnsuspend, doc{Tag: adm, Summary: "Lift a suspension", Params: idParams{}, Out: admin.UserDetail{}}},
		{"GET", "/api/admin/analytics", true, s.adminAnalytics, doc{Tag: adm, Summary: "Sessions per day, completion and abandonment, pass rates per problem, scores, provider cost, revenue, over a range of days", Params: analyticsQuery{}, Out: admin.Analytics{}}},
		{"GET", "/api/admin/problems", true, s.adminProblems, doc{Tag: adm, Summary: "Every problem: library, console-authored and published, with content hashes and drift from the repo's files", Out: adminProblemList{}}},
		{"POST", "/api/admin/problems", true, s.adminCreateProblem, doc{Tag: adm, Summary: "Create a problem (a draft, or published if publish and every check of problems verify passes)", Body: problemSave{}, Out: authoring.ProblemView{}, Status: http.StatusCreated}},
		{"GET", "/api/admin/problems/{slug}", true, s.adminProblem, doc{Tag: adm, Summary: "A problem for the editor, with hidden tests, reference solutions, hints and the last checks", Params: slugParams{}, Out: authoring.ProblemView{}}},
		{"PATCH", "/api/admin/problems/{slug}", true, s.adminUpdateProblem, doc{Tag: adm, Summary: "Save a problem (a draft, or published if publish and every check passes; 400 verification_failed names what failed)", Params: slugParams{}, Body: problemSave{}, Out: authoring.ProblemView{}}},
		{"POST", "/api/admin/problems/{slug}/publish", true, s.adminPublishProblem, doc{Tag: adm, Summary: "Verify the saved problem and publish it", Params: slugParams{}, Out: authoring.ProblemView{}}},
		{"GET", "/api/admin/problems/{slug}/export", true, s.adminExportProblem, doc{Tag: adm, Summary: "The problem as the files of its problems/SLUG/ folder", Params: slugParams{}, Out: problemFiles{}}},
		{"POST", "/api/admin/problems/import", true, s.adminImportProblem, doc{Tag: adm, Summary: "Import a problems/SLUG/ folder's files (a draft, or published if publish and every check passes)", Body: problemImport{}, Out: authoring.ProblemView{}}},
		{"POST", "/api/admin/test-cases", true, s.adminAddTests, doc{Tag: adm, Summary: "Add tests (hidden unless example) to a problem and save it", Body: testCasesRequest{}, Out: authoring.ProblemView{}, Status: http.StatusCreated}},

		{"POST", "/api/realtime/token", true, s.realtimeToken, doc{Tag: sessions, Summary: "A one-time token for the interview's WebSocket", Body: tokenRequest{}, Out: tokenBody{}}},
		{"GET", "/ws", false, s.websocket, doc{Tag: sessions, Summary: "The interview's WebSocket (token in Sec-WebSocket-Protocol); frames in docs/realtime-protocol.md", Status: http.StatusSwitchingProtocols}},
	}
}
