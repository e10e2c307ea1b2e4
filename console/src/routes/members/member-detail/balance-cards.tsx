import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Balance } from '../../../api/types.ts';
import { formatPoints } from '../../../lib/money.ts';
import { formatTime } from '../../../lib/format.ts';

function Figure({ value, testId }: { value: number; testId: string }) {
  return <span data-testid={testId} data-value={value}>{formatPoints(value)}</span>;
}

export function BalanceCards({ balance }: { balance: Balance | null }) {
  const { t } = useTranslation();
  const loading = balance === null;
  const b = balance;
  const soon = b?.expiring_soon;

  const small: { key: string; label: string; value: number | undefined }[] = [
    { key: 'lifetime-earned', label: t('balance.lifetimeEarned'), value: b?.lifetime_earned },
    { key: 'spent', label: t('balance.spent'), value: b?.spent },
    { key: 'expired', label: t('balance.expired'), value: b?.expired },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8} xl={5}>
        <Card loading={loading} style={{ height: '100%', background: '#e6f4ff', borderColor: '#91caff' }}>
          <Statistic
            title={t('balance.available')}
            value={b?.available ?? 0}
            styles={{ content: { color: '#0958d9', fontWeight: 600 } }}
            formatter={() => <Figure value={b?.available ?? 0} testId="balance-available" />}
          />
        </Card>
      </Col>
      <Col xs={24} md={8} xl={5}>
        <Card loading={loading} style={{ height: '100%' }}>
          <Statistic title={t('balance.pending')} value={b?.pending ?? 0} formatter={() => <Figure value={b?.pending ?? 0} testId="balance-pending" />} />
        </Card>
      </Col>
      <Col xs={24} md={8} xl={5}>
        <Card loading={loading} style={{ height: '100%' }}>
          <Statistic
            title={t('balance.expiring')}
            value={soon?.points ?? 0}
            styles={{ content: { color: soon && soon.points > 0 ? '#d46b08' : undefined } }}
            formatter={() => <Figure value={soon?.points ?? 0} testId="balance-expiring" />}
          />
          <div style={{ minHeight: 22, fontSize: 12 }} data-testid="balance-expiring-dates">
            {soon && soon.by_date.length > 0 ? (
              soon.by_date.map((d) => (
                <div key={d.date}>
                  <Typography.Text type="warning">{formatPoints(d.points)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{t('balance.on', { date: d.date })}</Typography.Text>
                </div>
              ))
            ) : (
              <Typography.Text type="secondary">{t('balance.noneExpiring')}</Typography.Text>
            )}
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card loading={loading} style={{ height: '100%' }}>
          <Row gutter={8}>
            {small.map((s) => (
              <Col span={8} key={s.key}>
                <Statistic title={s.label} value={s.value ?? 0} formatter={() => <Figure value={s.value ?? 0} testId={`balance-${s.key}`} />} />
              </Col>
            ))}
          </Row>
          {b && (
            <Tooltip title={b.as_of}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('balance.asOf', { time: formatTime(b.as_of) })}
              </Typography.Text>
            </Tooltip>
          )}
        </Card>
      </Col>
    </Row>
  );
}
