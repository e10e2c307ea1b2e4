import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api/client.ts';
import { consumeCoupon, lookupCoupon, releaseCoupon, validateCoupon, voidCoupon, type Coupon, type CouponHold } from '../../api/coupons.ts';
import type { Store } from '../../api/types.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { formatFen, yuanToFen } from '../../lib/money.ts';
import { formatTime } from '../../lib/format.ts';
import { CouponStateTag, typeName, validRange } from './coupon-text.tsx';

type Outcome = { kind: 'success' | 'error' | 'info'; title: string; detail?: string | undefined };

/** The cashier's screen: type a code, see its state in words and in big letters, validate, use or release it. */
export function CouponLookupTab({ programId, stores, fixedStore }: { programId: string; stores: Store[]; fixedStore: string | null }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [coupon, setCoupon] = useState<Coupon | null>(null);
  const [hold, setHold] = useState<CouponHold | null>(null);
  const [basket, setBasket] = useState('');
  const [store, setStore] = useState<string | undefined>(fixedStore ?? stores[0]?.id);
  const [receipt, setReceipt] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [consumeKey, setConsumeKey] = useState(newIdempotencyKey);
  const [voidReason, setVoidReason] = useState('');

  const refusal = (err: unknown): Outcome => (err instanceof ApiError ? { kind: 'error', title: err.problem.title, detail: err.problem.detail } : { kind: 'error', title: errorText(err) });
  /** Reads the coupon again; after an action the action's outcome stays on screen. */
  const look = async (c = code, afterAction = false) => {
    if (!afterAction) setOutcome(null);
    try {
      setCoupon(await lookupCoupon(programId, c.trim()));
    } catch (err) {
      setCoupon(null);
      if (!afterAction) setOutcome(refusal(err));
    }
  };
  const till = () => ({ code: coupon?.code ?? code, basket_fen: yuanToFen(basket) ?? 0, ...(fixedStore ? {} : { store_id: store }) });
  const act = async (what: 'validate' | 'consume' | 'release' | 'void') => {
    setOutcome(null);
    try {
      if (what === 'void') {
        await voidCoupon(programId, coupon?.code ?? code, voidReason.trim());
        setVoidReason('');
        setOutcome({ kind: 'info', title: t('coupons.voided') });
      } else if (what === 'validate') {
        const h = await validateCoupon(programId, { ...till(), ...(hold?.reservation_token ? { reservation_token: hold.reservation_token } : {}) });
        setHold(h);
        setOutcome({ kind: 'success', title: h.kind === 'gift' ? t('coupons.giftHand', { name: h.gift_name }) : t('coupons.discount', { amount: formatFen(h.discount_fen) }), detail: t('coupons.heldUntil', { time: formatTime(h.reserved_until) }) });
      } else if (what === 'consume') {
        const h = await consumeCoupon(programId, { ...till(), purchase_ref: receipt || `console-${consumeKey.slice(0, 8)}`, ...(hold?.reservation_token ? { reservation_token: hold.reservation_token } : {}) }, consumeKey);
        setHold(null);
        setConsumeKey(newIdempotencyKey());
        setOutcome({ kind: 'success', title: h.kind === 'gift' ? t('coupons.giftHand', { name: h.gift_name }) : t('coupons.consumedOk', { amount: formatFen(h.discount_fen) }) });
      } else if (hold?.reservation_token) {
        await releaseCoupon(programId, { code: hold.code, reservation_token: hold.reservation_token });
        setHold(null);
        setOutcome({ kind: 'info', title: t('coupons.released') });
      }
    } catch (err) {
      setOutcome(refusal(err));
    }
    await look(coupon?.code ?? code, true);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 820 }}>
      <Input.Search
        size="large" enterButton={t('coupons.lookup')} placeholder={t('coupons.codePlaceholder')} value={code} data-testid="coupon-code-input"
        onChange={(e) => setCode(e.target.value)} onSearch={(v) => { setHold(null); void look(v); }}
      />
      {outcome && <Alert type={outcome.kind} showIcon title={outcome.title} description={outcome.detail} data-testid="coupon-outcome" />}
      {coupon && (
        <Card data-testid="coupon-card">
          <Space align="center" size={24} wrap>
            <Typography.Text style={{ fontSize: 34, fontFamily: 'monospace', letterSpacing: 3 }} data-testid="coupon-big-code">{coupon.code}</Typography.Text>
            <CouponStateTag state={coupon.state} big />
          </Space>
          <Descriptions column={2} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('coupons.type')}>{typeName(i18n.language, coupon)} · {t(`coupons.kinds.${coupon.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('coupons.member')}>{coupon.member_id ?? t('coupons.unassigned')}</Descriptions.Item>
            <Descriptions.Item label={t('coupons.validRange')}>{validRange(coupon)}</Descriptions.Item>
            <Descriptions.Item label={t('coupons.source')}>{t(`coupons.sources.${coupon.source}`)}{coupon.reason ? ` · ${coupon.reason}` : ''}</Descriptions.Item>
            {coupon.consumed_at && <Descriptions.Item label={t('coupons.usedAt')}>{formatTime(coupon.consumed_at)}</Descriptions.Item>}
            {coupon.consumed_at && <Descriptions.Item label={t('coupons.usedWhere')}>{coupon.consumed_store_name} · {coupon.purchase_ref} · ¥{formatFen(coupon.discount_fen ?? 0)}</Descriptions.Item>}
          </Descriptions>
          <Space wrap style={{ marginTop: 16 }}>
            {!fixedStore && <Select style={{ width: 160 }} value={store} onChange={setStore} options={stores.map((s) => ({ value: s.id, label: s.name }))} aria-label={t('coupons.store')} />}
            <Input style={{ width: 160 }} addonBefore="¥" placeholder={t('coupons.basket')} value={basket} onChange={(e) => setBasket(e.target.value)} data-testid="coupon-basket" />
            <Input style={{ width: 160 }} placeholder={t('coupons.purchaseRef')} value={receipt} onChange={(e) => setReceipt(e.target.value)} data-testid="coupon-receipt" />
            <Button onClick={() => void act('validate')} data-testid="coupon-validate">{t('coupons.validate')}</Button>
            <Button type="primary" onClick={() => void act('consume')} data-testid="coupon-consume">{t('coupons.consume')}</Button>
            <Button disabled={!hold} onClick={() => void act('release')} data-testid="coupon-release">{t('coupons.release')}</Button>
            {/* taking a coupon back is an admin's (a till's key is refused) */}
            {!fixedStore && coupon.state !== 'consumed' && coupon.state !== 'void' && (
              <Popconfirm
                title={t('coupons.voidTitle')} okButtonProps={{ disabled: !voidReason.trim(), danger: true }} onConfirm={() => act('void')}
                description={<Input placeholder={t('coupons.voidReason')} value={voidReason} onChange={(e) => setVoidReason(e.target.value)} maxLength={200} data-testid="coupon-void-reason" />}
              >
                <Button danger data-testid="coupon-void">{t('coupons.void')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
