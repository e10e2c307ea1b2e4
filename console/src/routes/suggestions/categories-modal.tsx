import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Input, Modal, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { createCategory, listCategories, updateCategory, type SuggestionCategory } from '../../api/suggestions.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';

/** The program's categories: add, rename in place, stop using one (its suggestions keep it). */
export function CategoriesModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const program = useSession().program!;
  const [items, setItems] = useState<SuggestionCategory[]>([]);
  const [name, setName] = useState('');
  const load = useCallback(async () => setItems((await listCategories(program.id)).items), [program.id]);
  useEffect(() => { if (open) void load(); }, [open, load]);
  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) void message.success(ok);
      await load();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('suggestions.cat.title')} width={560} destroyOnHidden data-testid="suggestion-categories">
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input value={name} maxLength={40} placeholder={t('suggestions.cat.placeholder')} onChange={(e) => setName(e.target.value)} data-testid="suggestion-category-name" />
        <Button type="primary" disabled={!name.trim()} data-testid="suggestion-category-add"
          onClick={() => void run(async () => { await createCategory(program.id, name.trim(), newIdempotencyKey()); setName(''); }, t('suggestions.cat.added'))}>
          {t('suggestions.cat.add')}
        </Button>
      </Space.Compact>
      <Table<SuggestionCategory>
        rowKey="id" size="small" pagination={false} dataSource={items}
        columns={[
          {
            title: t('suggestions.cat.name'), key: 'name',
            render: (_, c) => <Typography.Text editable={{ onChange: (v) => { if (v.trim() && v !== c.name) void run(() => updateCategory(program.id, c.id, { name: v.trim() })); } }}>{c.name}</Typography.Text>,
          },
          { title: t('suggestions.cat.count'), dataIndex: 'suggestions', width: 90 },
          { title: t('suggestions.cat.active'), key: 'active', width: 80, render: (_, c) => <Switch size="small" checked={c.active} onChange={(v) => void run(() => updateCategory(program.id, c.id, { active: v }))} /> },
        ]}
      />
    </Modal>
  );
}
