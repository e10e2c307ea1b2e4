import { useState } from 'react';
import { Breadcrumb, Button, Card, Result, Space } from 'antd';
import { DollarOutlined, GiftOutlined, RollbackOutlined, SlidersOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { StatusAction } from '../../../api/endpoints.ts';
import { useRuleNames } from '../../../lib/rule-names.ts';
import { useSession } from '../../../session/session.tsx';
import { AdjustmentForm } from './adjustment-form.tsx';
import { BalanceCards } from './balance-cards.tsx';
import { LotsTable } from './lots-table.tsx';
import { MemberCouponsCard } from './member-coupons-card.tsx';
import { MemberCasesCard } from './member-cases-card.tsx';
import { MemberMessagesCard } from './member-messages-card.tsx';
import { MemberSuggestionsCard } from './member-suggestions-card.tsx';
import { MemberSurveysCard } from './member-surveys-card.tsx';
import { ProfileCard } from './profile-card.tsx';
import { PrivacyPanel } from './privacy-panel.tsx';
import { ProfileEditForm } from './profile-edit-form.tsx';
import { PurchaseDrawer } from './purchase-drawer.tsx';
import { PurchaseForm } from './purchase-form.tsx';
import { RedemptionForm } from './redemption-form.tsx';
import { ReferralsCard } from './referrals-card.tsx';
import { ReturnForm } from './return-form.tsx';
import { RewardRedemptionsCard } from './reward-redemptions-card.tsx';
import { StatementTable } from './statement-table.tsx';
import { StatusForm } from './status-form.tsx';
import { TierCard } from './tier-card.tsx';
import { TierFloorForm } from './tier-floor-form.tsx';
import { useMemberData } from './use-member-data.ts';
import { VipCard } from './vip-card.tsx';

type OpenForm = 'purchase' | 'return' | 'redeem' | 'adjust' | 'tier' | 'profile' | null;

export function MemberDetailPage() {
  const { t } = useTranslation();
  const { memberId = '' } = useParams();
  const { can, program: current } = useSession();
  const program = current!;
  // Each action shows when the signed-in role holds its permission (docs/permissions.md); the API refuses the rest anyway.
  const data = useMemberData(program.id, memberId, can('points.read'));
  // Names the rules in each earn entry's breakdown (re-read only when one names a rule not known yet).
  const ruleNames = useRuleNames(program.id, data.statement?.flatMap((e) => e.breakdown?.flatMap((i) => (i.rule_id ? [i.rule_id] : [])) ?? []) ?? []);
  const [form, setForm] = useState<OpenForm>(null);
  const [statusAction, setStatusAction] = useState<StatusAction | null>(null);
  const [purchaseId, setPurchaseId] = useState<string | null>(null);
  const [returnPurchaseId, setReturnPurchaseId] = useState<string | undefined>(undefined);

  const close = () => setForm(null);
  const refresh = () => void data.refresh();
  const m = data.member;

  if (data.error && !m) {
    return (
      <Result
        status={data.error.problem.status === 404 ? '404' : 'error'}
        title={data.error.problem.title}
        subTitle={data.error.problem.detail}
        extra={<Link to="/members"><Button>{t('common.back')}</Button></Link>}
      />
    );
  }

  const canTransact = m?.status === 'active';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/members">{t('nav.members')}</Link> }, { title: m?.member_no ?? memberId }]} />
      {m ? (
        <ProfileCard
          member={m}
          onStatusAction={can('members.status') ? setStatusAction : null}
          canReveal={can('pii.reveal')}
          onEdit={can('members.write') && m.status !== 'terminated' ? () => setForm('profile') : null}
        />
      ) : <Card loading />}
      <Card size="small">
        <Space wrap>
          <Button type="primary" icon={<DollarOutlined />} disabled={!canTransact} onClick={() => setForm('purchase')} data-testid="record-purchase">
            {t('purchase.record')}
          </Button>
          <Button icon={<RollbackOutlined />} disabled={!m} onClick={() => { setReturnPurchaseId(undefined); setForm('return'); }} data-testid="record-return">
            {t('returnForm.record')}
          </Button>
          <Button icon={<GiftOutlined />} disabled={!canTransact} onClick={() => setForm('redeem')} data-testid="record-redemption">
            {t('redeem.record')}
          </Button>
          {can('points.adjust') && (
            <Button icon={<SlidersOutlined />} disabled={!m} onClick={() => setForm('adjust')} data-testid="record-adjustment">
              {t('adjust.record')}
            </Button>
          )}
        </Space>
      </Card>
      <TierCard memberId={memberId} tier={data.tier} onAssign={can('loyalty.manage') && m?.status !== 'terminated' ? () => setForm('tier') : null} onChanged={(x) => { data.setTier(x); refresh(); }} />
      {/* read again after a status change: a termination releases the member's seat */}
      {can('vip.read') && <VipCard key={m?.status} memberId={memberId} />}
      <BalanceCards balance={data.balance} />
      <RewardRedemptionsCard memberId={memberId} canRedeem={canTransact} onChanged={refresh} />
      {can('points.read') && <LotsTable lots={data.lots} onOpenPurchase={setPurchaseId} />}
      <StatementTable
        entries={data.statement}
        stores={data.stores}
        hasMore={data.nextCursor !== null}
        loadingMore={data.loadingMore}
        onLoadMore={() => void data.loadMore()}
        onOpenPurchase={setPurchaseId}
        ruleNames={ruleNames}
      />
      <ReferralsCard programId={program.id} memberId={memberId} />
      <MemberCouponsCard programId={program.id} memberId={memberId} canIssue={can('coupons.manage') && canTransact} />
      {can('cases.read') && <MemberCasesCard programId={program.id} memberId={memberId} />}
      <MemberMessagesCard programId={program.id} memberId={memberId} canResend={can('program.manage')} />
      {can('suggestions.read') && <MemberSuggestionsCard programId={program.id} memberId={memberId} />}
      {can('surveys.read') && <MemberSurveysCard programId={program.id} memberId={memberId} />}
      <PrivacyPanel memberId={memberId} />

      <PurchaseForm open={form === 'purchase'} memberId={memberId} stores={data.stores} onClose={close} onDone={refresh} />
      <ReturnForm open={form === 'return'} purchaseId={returnPurchaseId} onClose={close} onDone={refresh} />
      <RedemptionForm open={form === 'redeem'} memberId={memberId} available={data.balance?.available} onClose={close} onDone={refresh} />
      <AdjustmentForm open={form === 'adjust'} memberId={memberId} onClose={close} onDone={refresh} />
      <ProfileEditForm open={form === 'profile'} member={m ?? null} onClose={close} onDone={(updated) => { data.setMember(updated); refresh(); }} />
      <TierFloorForm open={form === 'tier'} memberId={memberId} tiers={data.tiers} onClose={close} onDone={(x) => { data.setTier(x); refresh(); }} />
      <StatusForm
        action={statusAction}
        memberId={memberId}
        onClose={() => setStatusAction(null)}
        onDone={(updated) => { data.setMember(updated); refresh(); }}
      />
      <PurchaseDrawer
        purchaseId={purchaseId}
        stores={data.stores}
        onClose={() => setPurchaseId(null)}
        onReturn={(id) => { setPurchaseId(null); setReturnPurchaseId(id); setForm('return'); }}
        ruleNames={ruleNames}
      />
    </Space>
  );
}
