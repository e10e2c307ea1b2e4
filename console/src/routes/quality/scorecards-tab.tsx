import { useState } from 'react';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Category, Scorecard } from '../../api/quality.ts';
import { useLang } from '../../session/lang.tsx';
import { ScorecardEditor } from './scorecard-editor.tsx';

/**
 * The scorecards in use: each category's weight (as a share), scale, critical pass mark, N/A.
 * Whoever scores (quality.review) creates and edits them here; a used one is saved as its next version.
 */
export function ScorecardsTab({ pid, cards, canEdit, onChanged }: { pid: string; cards: Scorecard[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [editing, setEditing] = useState<{ card: Scorecard | null } | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="scorecards">
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ card: null })} data-testid="scorecard-create">{t('quality.editor.create')}</Button>
      )}
      {!cards.length && <Empty description={t('quality.empty')} />}
      {cards.map((card) => {
        const total = card.categories.reduce((a, c) => a + c.weight, 0);
        return (
          <Card key={card.id} size="small" data-testid={`scorecard-${card.family_id}`}
            title={<Space>{lang === 'en' ? card.name_en : card.name_zh}<Tag data-testid="scorecard-version">v{card.version}</Tag></Space>}
            extra={canEdit && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ card })} data-testid="scorecard-edit">{t('quality.editor.edit')}</Button>
            )}>
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
      <ScorecardEditor pid={pid} open={editing !== null} card={editing?.card ?? null} onClose={() => setEditing(null)} onSaved={onChanged} />
    </Space>
  );
}
