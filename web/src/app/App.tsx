import { lazy, Suspense, type ReactNode } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { Layout } from '../components/Layout'
import { NotFound } from '../components/NotFound'
import { RequireAuth } from '../components/RequireAuth'
import { PageSpinner } from '../components/ui/Spinner'
import { LandingPage } from '../features/landing/components/LandingPage'

// Pages past the landing load on demand; the problem page carries the Markdown renderer.
const SignInPage = lazy(() => import('../features/auth/components/SignInPage').then((m) => ({ default: m.SignInPage })))
const SignUpPage = lazy(() => import('../features/auth/components/SignUpPage').then((m) => ({ default: m.SignUpPage })))
const VerifyEmailPage = lazy(() => import('../features/auth/components/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })))
const ForgotPasswordPage = lazy(() =>
  import('../features/auth/components/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
)
const ResetPasswordPage = lazy(() => import('../features/auth/components/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })))
const DashboardPage = lazy(() => import('../features/dashboard/components/DashboardPage').then((m) => ({ default: m.DashboardPage })))
const SettingsPage = lazy(() => import('../features/profile/components/SettingsPage').then((m) => ({ default: m.SettingsPage })))
const PricingPage = lazy(() => import('../features/billing/components/PricingPage').then((m) => ({ default: m.PricingPage })))
const ProblemsPage = lazy(() => import('../features/problems/components/ProblemsPage').then((m) => ({ default: m.ProblemsPage })))
const ProblemDetailPage = lazy(() =>
  import('../features/problems/components/ProblemDetailPage').then((m) => ({ default: m.ProblemDetailPage })),
)

const AdminLayout = lazy(() => import('../features/admin/components/AdminLayout').then((m) => ({ default: m.AdminLayout })))
const AdminProblemsPage = lazy(() => import('../features/admin/components/ProblemsPage').then((m) => ({ default: m.ProblemsPage })))
const AdminProblemEditor = lazy(() =>
  import('../features/admin/components/ProblemEditorPage').then((m) => ({ default: m.ProblemEditorPage })),
)
const AdminUsersPage = lazy(() => import('../features/admin/components/UsersPage').then((m) => ({ default: m.UsersPage })))
const AdminAnalyticsPage = lazy(() => import('../features/admin/components/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })))

const InterviewRoom = lazy(() => import('../features/interview/components/InterviewRoom').then((m) => ({ default: m.InterviewRoom })))
const SummaryPage = lazy(() => import('../features/interview/components/SummaryPage').then((m) => ({ default: m.SummaryPage })))

const page = (el: ReactNode) => <Suspense fallback={<PageSpinner />}>{el}</Suspense>

export function AppRoutes() {
  return (
    <Routes>
      {/* The room takes the whole window: its own top bar instead of the site header. */}
      <Route path="interview/:id" element={<RequireAuth>{page(<InterviewRoom />)}</RequireAuth>} />
      <Route element={<Layout />}>
        <Route index element={<LandingPage />} />
        <Route path="signin" element={page(<SignInPage />)} />
        <Route path="signup" element={page(<SignUpPage />)} />
        <Route path="verify-email" element={page(<VerifyEmailPage />)} />
        <Route path="forgot-password" element={page(<ForgotPasswordPage />)} />
        <Route path="reset-password" element={page(<ResetPasswordPage />)} />
        <Route path="dashboard" element={<RequireAuth>{page(<DashboardPage />)}</RequireAuth>} />
        <Route path="settings" element={<RequireAuth>{page(<SettingsPage />)}</RequireAuth>} />
        <Route path="pricing" element={page(<PricingPage />)} />
        <Route path="problems" element={page(<ProblemsPage />)} />
        <Route path="problems/:slug" element={page(<ProblemDetailPage />)} />
        <Route path="sessions/:id" element={<RequireAuth>{page(<SummaryPage />)}</RequireAuth>} />
        {/* The admin console: the server checks every /api/admin call; the frame shows nothing to non-admins. */}
        <Route path="admin" element={<RequireAuth>{page(<AdminLayout />)}</RequireAuth>}>
          <Route index element={<Navigate to="problems" replace />} />
          <Route path="problems" element={page(<AdminProblemsPage />)} />
          <Route path="problems/:slug" element={page(<AdminProblemEditor />)} />
          <Route path="users" element={page(<AdminUsersPage />)} />
          <Route path="analytics" element={page(<AdminAnalyticsPage />)} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  )
}
