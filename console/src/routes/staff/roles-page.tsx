import { useEffect, useState } from 'react';
import { Alert, Card, Table, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { getRoleMatrix, type RoleMatrix } from '../../api/staff.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';

type PermissionRow = RoleMatrix['permissions'][number];

/** 角色权限: the permission matrix, roles across and permissions down (docs/permissions.md). */
export function RolesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { program } = useSession();
  const [matrix, setMatrix] = useState<RoleMatrix | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (program) getRoleMatrix(program.id).then(setMatrix, (err: unknown) => setError(errorText(err)));
  }, [program]);

  return (
    <Card title={t('roles.title')}>
      <Typography.Paragraph type="secondary">{t('roles.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<PermissionRow>
        rowKey="key" size="small" pagination={false} loading={!matrix && !error} dataSource={matrix?.permissions ?? []} data-testid="roles-table" scroll={{ x: true }}
        columns={[
          { title: t('roles.permission'), key: 'perm', fixed: 'left', render: (_, p) => <span><Typography.Text>{p.name[lang]}</Typography.Text><br /><Typography.Text type="secondary" code style={{ fontSize: 11 }}>{p.key}</Typography.Text></span> },
          ...(matrix?.roles ?? []).map((r) => ({
            title: r.name[lang], key: r.key, align: 'center' as const,
            render: (_: unknown, p: PermissionRow) => (r.permissions.includes(p.key) ? <CheckOutlined style={{ color: '#52c41a' }} data-testid={`grant-${r.key}-${p.key}`} /> : null),
          })),
        ]}
      />
    </Card>
  );
}
