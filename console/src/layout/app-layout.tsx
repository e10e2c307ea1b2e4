import { useState } from 'react';
import { Button, Empty, Layout, Menu, Segmented, Select, Space, Tag, Typography, theme } from 'antd';
import { ApartmentOutlined, AuditOutlined, CrownOutlined, LogoutOutlined, TeamOutlined, GiftOutlined, NotificationOutlined, ProfileOutlined, ShareAltOutlined, ShopOutlined, TagsOutlined, ThunderboltOutlined, SafetyCertificateOutlined, IdcardOutlined } from '@ant-design/icons';
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
          items={[
            { key: 'members', icon: <TeamOutlined />, label: <span data-testid="nav-members">{t('nav.members')}</span> },
            { key: 'tiers', icon: <CrownOutlined />, label: <span data-testid="nav-tiers">{t('nav.tiers')}</span> },
            // earning rules are an admin's (the API refuses a till's key)
            ...(me.role === 'pos' ? [] : [{ key: 'rules', icon: <ThunderboltOutlined />, label: <span data-testid="nav-rules">{t('rules.nav')}</span> }]),
            { key: 'segments', icon: <ApartmentOutlined />, label: <span data-testid="nav-segments">{t('nav.segments')}</span> },
            { key: 'campaigns', icon: <NotificationOutlined />, label: <span data-testid="nav-campaigns">{t('nav.campaigns')}</span> },
            { key: 'coupons', icon: <TagsOutlined />, label: <span data-testid="nav-coupons">{t('coupons.nav')}</span> },
            { key: 'rewards', icon: <ShopOutlined />, label: <span data-testid="nav-rewards">{t('rewards.nav')}</span> },
            { key: 'reward-redemptions', icon: <ProfileOutlined />, label: <span data-testid="nav-reward-redemptions">{t('rewards.queueNav')}</span> },
            // the referral list and its release are an admin's (the API refuses a till's key)
            ...(me.role === 'pos' ? [] : [{ key: 'referrals', icon: <ShareAltOutlined />, label: <span data-testid="nav-referrals">{t('referrals.nav')}</span> }]),
            // paid VIP membership is an admin's (the API refuses a till's key)
            ...(me.role === 'pos' ? [] : [
              { key: 'vip/memberships', icon: <SafetyCertificateOutlined />, label: <span data-testid="nav-vip">{t('vip.nav')}</span> },
              { key: 'vip/plans', icon: <IdcardOutlined />, label: <span data-testid="nav-vip-plans">{t('vip.navPlans')}</span> },
            ]),
            // the audit log is an admin's to read (the API refuses a till's key)
            ...(me.role === 'pos' ? [] : [{ key: 'audit', icon: <AuditOutlined />, label: <span data-testid="nav-audit">{t('nav.audit')}</span> }]),
          ]}
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
