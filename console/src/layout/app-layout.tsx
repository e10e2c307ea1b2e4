import { useState, type ReactNode } from 'react';
import { Button, Empty, Layout, Menu, type MenuProps, Segmented, Select, Space, Tag, Typography, theme } from 'antd';
import { ApartmentOutlined, AuditOutlined, ClearOutlined, SafetyOutlined, DashboardOutlined, CrownOutlined, LogoutOutlined, TeamOutlined, GiftOutlined, NotificationOutlined, ProfileOutlined, ShareAltOutlined, ShopOutlined, TagsOutlined, ThunderboltOutlined, SafetyCertificateOutlined, IdcardOutlined, SettingOutlined, KeyOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
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
 * members get, and the system. What only an admin may do is left out for a till's key (the
 * API refuses it anyway).
 */
function navItems(till: boolean, t: T): MenuProps['items'] {
  const admin = <I,>(...items: I[]) => (till ? [] : items);
  return [
    ...admin(item('home', <DashboardOutlined />, t('nav.home'), 'nav-home')),
    item('members', <TeamOutlined />, t('nav.members'), 'nav-members'),
    {
      type: 'group', key: 'g-loyalty', label: t('nav.groups.loyalty'), children: [
        item('tiers', <CrownOutlined />, t('nav.tiers'), 'nav-tiers'),
        ...admin(item('rules', <ThunderboltOutlined />, t('rules.nav'), 'nav-rules')),
        item('segments', <ApartmentOutlined />, t('nav.segments'), 'nav-segments'),
        item('campaigns', <NotificationOutlined />, t('nav.campaigns'), 'nav-campaigns'),
      ],
    },
    {
      type: 'group', key: 'g-benefits', label: t('nav.groups.benefits'), children: [
        item('rewards', <ShopOutlined />, t('rewards.nav'), 'nav-rewards'),
        item('reward-redemptions', <ProfileOutlined />, t('rewards.queueNav'), 'nav-reward-redemptions'),
        item('coupons', <TagsOutlined />, t('coupons.nav'), 'nav-coupons'),
        ...admin(
          item('vip/memberships', <SafetyCertificateOutlined />, t('vip.nav'), 'nav-vip'),
          item('vip/plans', <IdcardOutlined />, t('vip.navPlans'), 'nav-vip-plans'),
          item('referrals', <ShareAltOutlined />, t('referrals.nav'), 'nav-referrals'),
        ),
      ],
    },
    ...admin({
      type: 'group' as const, key: 'g-privacy', label: t('nav.groups.privacy'), children: [
        item('privacy', <LockOutlined />, t('privacy.nav'), 'nav-privacy'),
        item('rights', <SafetyOutlined />, t('rights.nav'), 'nav-rights'),
        item('retention', <ClearOutlined />, t('rights.retentionNav'), 'nav-retention'),
      ],
    }),
    ...admin({
      type: 'group' as const, key: 'g-system', label: t('nav.groups.system'), children: [
        item('settings', <SettingOutlined />, t('nav.settings'), 'nav-settings'),
        item('stores', <ShopOutlined />, t('nav.stores'), 'nav-stores'),
        item('api-keys', <KeyOutlined />, t('nav.apiKeys'), 'nav-api-keys'),
        item('audit', <AuditOutlined />, t('nav.audit'), 'nav-audit'),
      ],
    }),
  ];
}

export function AppLayout() {
  const { t } = useTranslation();
  const { me, program, signOut } = useSession();
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
          items={navItems(me.role === 'pos', t)}
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
            <span>
              <Typography.Text>{me.name}</Typography.Text>{' '}
              <Tag color="blue">{t(`header.role.${me.role}`)}</Tag>
            </span>
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
