import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../../api/request';
import { branchApi, type ImportResult } from '../../../../api/branch';
import { downloadXlsx, pickXlsx } from '../../../../api/files';
import ActionButton from '../../../../components/ActionButton';
import { confirmDialog } from '../../../../components/ConfirmDialog';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { shanghaiToday } from '../../../../time';
import '../../styles.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

interface BranchPairs {
  branchId: number;
  branchName: string;
  department: string;
  complexes: string[];
}

/** District admins: the whole pairing list, its export, and an all-or-nothing import. */
export default function PairingsPage() {
  const user = useSessionGate();
  const { data: pairs, error, reload: load } = useRemote(true, () => branchApi.pairings());
  const [filter, setFilter] = useState('');
  const [report, setReport] = useState<{ message: string; rows: Array<{ row: number; reason: string }> } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, run] = useAction(load);

  const grouped = useMemo(() => {
    const map = new Map<number, BranchPairs>();
    for (const p of pairs ?? []) {
      const g = map.get(p.branchId) ?? { branchId: p.branchId, branchName: p.branchName, department: p.department, complexes: [] };
      g.complexes.push(p.complexName);
      map.set(p.branchId, g);
    }
    const f = filter.trim();
    return [...map.values()].filter((g) => !f || g.branchName.includes(f) || g.department.includes(f) || g.complexes.some((c) => c.includes(f)));
  }, [pairs, filter]);

  const upload = async () => {
    const file = await pickXlsx();
    if (!file) return;
    // the import replaces every pairing of the district: say so, and how to keep a copy
    const { confirm } = await confirmDialog({
      title: '替换全部结对？',
      content: `导入「${file.name}」会用表格里的结对替换现有的全部 ${pairs?.length ?? 0} 对结对。没有在表格里的结对将被解除。建议先点“导出结对清单”留一份备份，需要时可以再导入恢复。`,
      danger: true,
      confirmText: '替换',
      cancelText: '先不导入',
    });
    if (!confirm) return;
    setReport(null);
    setResult(null);
    await run(async () => setResult(await branchApi.importPairings(file.base64, file.name)), null, {
      onError: (e) => {
        const err = e as ApiError;
        const rows = (err.details as { rows?: Array<{ row: number; reason: string }> } | undefined)?.rows ?? [];
        const fields = (err.details as { fields?: Record<string, string> } | undefined)?.fields;
        setReport({ message: rows.length ? err.message : fields?.file ?? err.message, rows });
      },
    });
  };

  if (user && user.role !== 'district_admin') {
    return (
      <PageShell>
        <StatusView error="结对管理仅供区级管理员使用" />
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading">结对管理</Text>
      <Text className="xfh-muted">
        {pairs ? `${grouped.length} 个党支部 · ${pairs.length} 对结对` : ''}。导入的 Excel 需包含三列：党支部、所属部门、民生综合体；任何一行有误都不会导入。
      </Text>
      <ActionButton id="export-pairings" variant="secondary" onClick={() => downloadXlsx('/pairings/export', `结对清单-${shanghaiToday()}.xlsx`).catch(() => undefined)}>
        导出结对清单（Excel）
      </ActionButton>
      <ActionButton id="import-pairings" disabled={busy || undefined} onClick={upload}>
        {busy ? '正在导入…' : '导入并替换结对清单'}
      </ActionButton>
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.coverage })}>
        查看服务覆盖
      </ActionButton>

      {result && (
        <View className="xfh-card" id="import-result" style={{ marginTop: '12px' }}>
          <Text>已导入 {result.imported} 对结对，涉及 {result.branches} 个党支部、{result.complexes} 个综合体。</Text>
          {result.unpairedBranches > 0 && <Text className="xfh-error" style={{ display: 'block' }}>有 {result.unpairedBranches} 个党支部没有结对。</Text>}
        </View>
      )}
      {report && (
        <View className="xfh-card xfh-branch__flag" id="import-report" style={{ marginTop: '12px' }}>
          <Text className="xfh-error" style={{ display: 'block' }}>{report.message}</Text>
          {report.rows.map((r) => (
            <Text key={r.row} style={{ display: 'block' }}>{r.reason}</Text>
          ))}
        </View>
      )}

      <Input
        className="xfh-branch__input"
        style={{ marginTop: '16px' }}
        placeholder="按支部、部门或综合体筛选"
        nativeProps={{ 'aria-label': '按支部、部门或综合体筛选' }}
        value={filter}
        onInput={(e) => setFilter(e.detail.value)}
      />
      <StatusView loading={!pairs && !error} error={error} onRetry={load} />
      <View id="pairing-list" style={{ marginTop: '12px' }}>
        {grouped.slice(0, 200).map((g) => (
          <View key={g.branchId} className="xfh-card" onClick={() => Taro.navigateTo({ url: ROUTES.branchPage(g.branchId) })}>
            <Text className="xfh-branch__field-label">{g.branchName}</Text>
            <Text className="xfh-muted" style={{ display: 'block' }}>{g.department}</Text>
            <Text>{g.complexes.join('、')}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
