import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category, Scorecard } from '../../api/quality.ts';
import { useLang } from '../../session/lang.tsx';

/** The scorecards in use, read-only: each category's weight (as a share), scale, critical pass mark, N/A. */
export function ScorecardsTab({ cards }: { cards: Scorecard[] }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (!cards.length) return <Empty description={t('quality.empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="scorecards">
      {cards.map((card) => {
        const total = card.categories.reduce((a, c) => a + c.weight, 0);
        return (
          <Card key={card.id} size="small" title={`${lang === 'en' ? card.name_en : card.name_zh} · v${card.version}`}>
            <Table<Category> rowKey="key" size="small" pagination={false} dataSource={card.categories} columns={[
              { title: t('quality.calibration.category'), key: 'name', render: (_, c) => (lang === 'en' ? c.name_en : c.name_zh) },
              { title: t('quality.cards.weight'), key: 'weight', align: 'right', render: (_, c) => `${c.weight} (${((c.weight / total) * 100).toFixed(0)}%)` },
              { title: t('quality.cards.scale'), key: 'scale', align: 'right', render: (_, c) => `${c.min}–${c.max}` },
              { title: t('quality.review.critical'), key: 'critical', render: (_, c) => (c.critical ? <Tag color="red">{t('quality.review.passMark', { mark: c.pass_mark })}</Tag> : '—') },
              { title: t('quality.review.na'), key: 'na', render: (_, c) => (c.na_allowed ? t('quality.cards.naAllowed') : '—') },
            ]} />
          </Card>
        );
      })}
      <Typography.Text type="secondary">{t('quality.cards.versioned')}</Typography.Text>
    </Space>
  );
}
