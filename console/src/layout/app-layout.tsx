import { useState, type ReactNode } from 'react';
import { Button, Empty, Layout, Menu, type MenuProps, Segmented, Select, Space, Tag, Typography, theme } from 'antd';
import { BulbOutlined, SmileOutlined, ApartmentOutlined, AuditOutlined, CalendarOutlined, MailOutlined, ClearOutlined, SafetyOutlined, DashboardOutlined, CrownOutlined, LogoutOutlined, TeamOutlined, GiftOutlined, NotificationOutlined, ProfileOutlined, ShareAltOutlined, ShopOutlined, TagsOutlined, ThunderboltOutlined, SafetyCertificateOutlined, IdcardOutlined, KeyOutlined, UserOutlined, LockOutlined, SettingOutlined, ApiOutlined, CustomerServiceOutlined, FieldTimeOutlined, AimOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { AlertBell } from '../routes/sla/alert-bell.tsx';
import { useLang } from '../session/lang.tsx';
import { useSession } from '../session/session.tsx';
import type { Lang } from '../i18n/index.ts';

const { Header, Sider, Content } = Layout;

export function LangSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: <span data-testid="lang-zh">中文</span>, value: 'zh' },
        { label: <span data-testid="lang-en">English</span>, value: 'en' },
      ]}
    />
  );
}

function ProgramPicker() {
  const { t } = useTranslation();
  const { me, programs, program, selectProgram } = useSession();
  const navigate = useNavigate();
  // Only the bootstrap key spans programs; any other key is pinned to its own.
  if (me.program_id !== null || programs.length === 0) {
    return <Typography.Text strong data-testid="program-name">{program?.name}</Typography.Text>;
  }
  return (
    <Space size={8}>
      <Typography.Text type="secondary">{t('header.program')}</Typography.Text>
      <Select
        data-testid="program-select"
        style={{ minWidth: 200 }}
        value={program?.id ?? null}
        onChange={(id) => {
          selectProgram(id);
          // Members belong to one program; a member page of the old one would only 404.
          void navigate('/members');
        }}
        options={programs.map((p) => ({ value: p.id, label: p.name }))}
      />
    </Space>
  );
}

type T = (key: string) => string;
const item = (key: string, icon: ReactNode, label: string, testId: string) => ({ key, icon, label: <span data-testid={testId}>{label}</span> });

/**
 * The console's navigation, grouped as the modules are: members, the loyalty engine, what
 * members get, and the system. Each item shows only when the signed-in role holds the
 * permission its screen reads with (GET /v1/me; docs/permissions.md); the API refuses the
 * rest anyway.
 */
function navItems(can: (permission: string) => boolean, t: T, staffId?: string | null): MenuProps['items'] {
  const when = (permission: string, ...items: ReturnType<typeof item>[]) => (can(permission) ? items : []);
  const group = (key: string, label: string, children: ReturnType<typeof item>[]) => (children.length ? [{ type: 'group' as const, key, label, children }] : []);
  return [
    ...when('reports.read', item('home', <DashboardOutlined />, t('nav.home'), 'nav-home')),
    ...when('members.read', item('members', <TeamOutlined />, t('nav.members'), 'nav-members')),
    ...group('g-loyalty', t('nav.groups.loyalty'), [
      ...when('loyalty.read', item('tiers', <CrownOutlined />, t('nav.tiers'), 'nav-tiers')),
      ...when('loyalty.manage', item('rules', <ThunderboltOutlined />, t('rules.nav'), 'nav-rules')),
      ...when('campaigns.read', item('segments', <ApartmentOutlined />, t('nav.segments'), 'nav-segments'), item('campaigns', <NotificationOutlined />, t('nav.campaigns'), 'nav-campaigns')),
    ]),
    ...group('g-benefits', t('nav.groups.benefits'), [
      ...when('rewards.read', item('rewards', <ShopOutlined />, t('rewards.nav'), 'nav-rewards'), item('reward-redemptions', <ProfileOutlined />, t('rewards.queueNav'), 'nav-reward-redemptions')),
      ...when('coupons.read', item('coupons', <TagsOutlined />, t('coupons.nav'), 'nav-coupons')),
      ...when('vip.read', item('vip/memberships', <SafetyCertificateOutlined />, t('vip.nav'), 'nav-vip'), item('vip/plans', <IdcardOutlined />, t('vip.navPlans'), 'nav-vip-plans')),
      ...when('referrals.manage', item('referrals', <ShareAltOutlined />, t('referrals.nav'), 'nav-referrals')),
    ]),
    ...group('g-desk', t('nav.groups.desk'), [
      ...when('cases.read', item('cases', <CustomerServiceOutlined />, t('cases.nav'), 'nav-cases'), item('sla', <FieldTimeOutlined />, t('sla.nav'), 'nav-sla')),
      ...when('suggestions.read', item('suggestions', <BulbOutlined />, t('suggestions.nav'), 'nav-suggestions')),
      ...when('surveys.read', item('surveys', <SmileOutlined />, t('surveys.nav'), 'nav-surveys')),
      ...when('quality.read', item('quality', <AimOutlined />, t('quality.nav'), 'nav-quality')),
      // an agent's own reviews: a signed-in person who works cases and may read reviews (a machine key has none)
      ...(staffId && can('cases.work') ? [item('my-quality', <StarOutlined />, t('quality.navMine'), 'nav-my-quality')] : []),
    ]),
    ...group('g-privacy', t('nav.groups.privacy'), [
      ...when('privacy.read', item('privacy', <LockOutlined />, t('privacy.nav'), 'nav-privacy')),
      ...when('rights.manage', item('rights', <SafetyOutlined />, t('rights.nav'), 'nav-rights')),
      ...when('privacy.manage', item('retention', <ClearOutlined />, t('rights.retentionNav'), 'nav-retention')),
    ]),
    ...group('g-system', t('nav.groups.system'), [
      ...when('program.manage', item('settings', <SettingOutlined />, t('nav.settings'), 'nav-settings')),
      ...when('program.manage', item('stores', <ShopOutlined />, t('nav.stores'), 'nav-stores'), item('api-keys', <ApiOutlined />, t('nav.apiKeys'), 'nav-api-keys')),
      ...when('staff.manage', item('staff', <UserOutlined />, t('nav.staff'), 'nav-staff')),
      ...when('program.read', item('calendar', <CalendarOutlined />, t('calendar.nav'), 'nav-calendar')),
      ...when('program.read', item('roles', <KeyOutlined />, t('nav.roles'), 'nav-roles')),
      ...when('program.read', item('notifications', <MailOutlined />, t('notifications.nav'), 'nav-notifications')),
      ...when('audit.read', item('audit', <AuditOutlined />, t('nav.audit'), 'nav-audit')),
    ]),
  ];
}

export function AppLayout() {
  const { t } = useTranslation();
  const { me, program, signOut, can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} breakpoint="lg" collapsedWidth={64} onBreakpoint={setCollapsed} collapsed={collapsed}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 10, padding: '0 20px', color: '#fff' }}>
          <GiftOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          {!collapsed && <span style={{ fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap' }}>{t('app.title')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[location.pathname.split('/')[1] ?? '', location.pathname.split('/').slice(1, 3).join('/')]}
          onClick={({ key }) => void navigate(`/${key}`)}
          items={navItems(can, t, me.staff_id)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer, padding: '0 24px', display: 'flex', alignItems: 'center',
            justifyContent: 'space-between', borderBottom: `1px solid ${token.colorBorderSecondary}`, height: 56,
          }}
        >
          <ProgramPicker />
          <Space size={16}>
            <LangSwitch />
            {me.staff_id && can('cases.read') && <AlertBell />}
            <span>
              <Typography.Text>{me.name}</Typography.Text>{' '}
              <Tag color="blue" data-testid="header-role">{t(`header.role.${me.role}`)}</Tag>
            </span>
            {me.staff_id && <Button icon={<LockOutlined />} onClick={() => void navigate('/password')} data-testid="change-password">{t('header.changePassword')}</Button>}
            <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="sign-out">
              {t('header.signOut')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          {program ? <Outlet /> : <Empty description={t('common.noPrograms')} style={{ marginTop: 120 }} />}
        </Content>
      </Layout>
    </Layout>
  );
}
