import { Spin } from 'antd';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AppLayout } from './layout/app-layout.tsx';
import { AuditPage } from './routes/audit/audit-page.tsx';
import { CalendarPage } from './routes/calendar/calendar-page.tsx';
import { CasePage } from './routes/cases/case-page.tsx';
import { CaseQueuePage } from './routes/cases/case-queue-page.tsx';
import { SlaPage } from './routes/sla/sla-page.tsx';
import { MyQualityPage } from './routes/quality/my-quality-page.tsx';
import { QualityPage } from './routes/quality/quality-page.tsx';
import { HomePage } from './routes/home/home-page.tsx';
import { CampaignDetailPage } from './routes/campaigns/campaign-detail-page.tsx';
import { CampaignsPage } from './routes/campaigns/campaigns-page.tsx';
import { CouponsPage } from './routes/coupons/coupons-page.tsx';
import { MemberDetailPage } from './routes/members/member-detail/member-detail-page.tsx';
import { MemberSearchPage } from './routes/members/member-search-page.tsx';
import { PoliciesPage } from './routes/privacy/policies-page.tsx';
import { NotificationsPage } from './routes/notifications/notifications-page.tsx';
import { ReferralsPage } from './routes/referrals/referrals-page.tsx';
import { RedemptionsPage } from './routes/rewards/redemptions-page.tsx';
import { RewardsPage } from './routes/rewards/rewards-page.tsx';
import { RetentionPage } from './routes/rights/retention-page.tsx';
import { RightsPage } from './routes/rights/rights-page.tsx';
import { SuggestionsPage } from './routes/suggestions/suggestions-page.tsx';
import { RulesPage } from './routes/rules/rules-page.tsx';
import { SegmentDetailPage } from './routes/segments/segment-detail-page.tsx';
import { SegmentEditorPage } from './routes/segments/segment-editor-page.tsx';
import { SegmentListPage } from './routes/segments/segment-list-page.tsx';
import { ApiKeysPage } from './routes/settings/api-keys-page.tsx';
import { ProgramSettingsPage } from './routes/settings/program-settings-page.tsx';
import { StoresPage } from './routes/settings/stores-page.tsx';
import { SignInPage } from './routes/sign-in/sign-in-page.tsx';
import { PasswordPage } from './routes/staff/password-page.tsx';
import { RolesPage } from './routes/staff/roles-page.tsx';
import { StaffPage } from './routes/staff/staff-page.tsx';
import { SurveyBuilderPage } from './routes/surveys/survey-builder-page.tsx';
import { SurveyResultsPage } from './routes/surveys/survey-results-page.tsx';
import { SurveysPage } from './routes/surveys/surveys-page.tsx';
import { TiersPage } from './routes/tiers/tiers-page.tsx';
import { MembershipDetailPage } from './routes/vip/membership-detail-page.tsx';
import { MembershipsPage } from './routes/vip/memberships-page.tsx';
import { VipPlansPage } from './routes/vip/vip-plans-page.tsx';
import { useSessionState } from './session/session.tsx';

function RequireSession() {
  const { session, restoring } = useSessionState();
  const location = useLocation();
  if (restoring) return <Spin size="large" fullscreen />;
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  // a reset password is changed before anything else (the API refuses the rest until then)
  if (session.me.must_change_password && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <AppLayout />;
}

export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<RequireSession />}>
          <Route path="/members" element={<MemberSearchPage />} />
          <Route path="/members/:memberId" element={<MemberDetailPage />} />
          <Route path="/tiers" element={<TiersPage />} />
          <Route path="/rules" element={<RulesPage />} />
          <Route path="/segments" element={<SegmentListPage />} />
          <Route path="/segments/new" element={<SegmentEditorPage />} />
          <Route path="/segments/:segmentId" element={<SegmentDetailPage />} />
          <Route path="/segments/:segmentId/edit" element={<SegmentEditorPage />} />
          <Route path="/campaigns" element={<CampaignsPage />} />
          <Route path="/campaigns/:campaignId" element={<CampaignDetailPage />} />
          <Route path="/home" element={<HomePage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/calendar" element={<CalendarPage />} />
          <Route path="/cases" element={<CaseQueuePage />} />
          <Route path="/cases/:caseId" element={<CasePage />} />
          <Route path="/sla" element={<SlaPage />} />
          <Route path="/quality" element={<QualityPage />} />
          <Route path="/my-quality" element={<MyQualityPage />} />
          <Route path="/settings" element={<ProgramSettingsPage />} />
          <Route path="/stores" element={<StoresPage />} />
          <Route path="/api-keys" element={<ApiKeysPage />} />
          <Route path="/vip/plans" element={<VipPlansPage />} />
          <Route path="/vip/memberships" element={<MembershipsPage />} />
          <Route path="/vip/memberships/:membershipId" element={<MembershipDetailPage />} />
          <Route path="/referrals" element={<ReferralsPage />} />
          <Route path="/rewards" element={<RewardsPage />} />
          <Route path="/reward-redemptions" element={<RedemptionsPage />} />
          <Route path="/coupons" element={<CouponsPage />} />
          <Route path="/rights" element={<RightsPage />} />
          <Route path="/suggestions" element={<SuggestionsPage />} />
          <Route path="/retention" element={<RetentionPage />} />
          <Route path="/privacy" element={<PoliciesPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/surveys" element={<SurveysPage />} />
          <Route path="/surveys/new" element={<SurveyBuilderPage />} />
          <Route path="/surveys/:surveyId" element={<SurveyResultsPage />} />
          <Route path="/staff" element={<StaffPage />} />
          <Route path="/roles" element={<RolesPage />} />
          <Route path="/password" element={<PasswordPage />} />
          <Route path="*" element={<Navigate to="/members" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
