import type { ComplexMode, SpaceType } from '../../../../shared/constants';

/** The 11 镇街 of Xihu district (10 街道 and 三墩镇), north to south-west. */
export const STREETS: Array<{ name: string; kind: 'street' | 'town' }> = [
  { name: '文新街道', kind: 'street' },
  { name: '北山街道', kind: 'street' },
  { name: '西溪街道', kind: 'street' },
  { name: '灵隐街道', kind: 'street' },
  { name: '翠苑街道', kind: 'street' },
  { name: '古荡街道', kind: 'street' },
  { name: '西湖街道', kind: 'street' },
  { name: '留下街道', kind: 'street' },
  { name: '转塘街道', kind: 'street' },
  { name: '蒋村街道', kind: 'street' },
  { name: '三墩镇', kind: 'town' },
];

export const COMMUNITIES: Record<string, string[]> = {
  文新街道: ['阳光社区', '德加社区', '北景园社区', '嘉绿苑社区'],
  北山街道: ['西湖社区', '北山路社区'],
  西溪街道: ['古荡湾社区', '花园新村社区', '西溪河下社区'],
  灵隐街道: ['玉古路社区', '金祝社区'],
  翠苑街道: ['翠苑一区社区', '翠苑二区社区', '学院路社区'],
  古荡街道: ['华星社区', '益乐村社区', '嘉南社区'],
  西湖街道: ['龙井村', '双峰社区', '曙光社区'],
  留下街道: ['留下社区', '屏基山社区'],
  转塘街道: ['象山社区', '之江社区', '转塘社区'],
  蒋村街道: ['蒋村花园社区', '五常港社区', '龙章社区'],
  三墩镇: ['金地社区', '华门社区', '绿城社区'],
};

export interface SeedSpace {
  name: string;
  type: SpaceType;
  bookable?: boolean;
  capacity?: number;
  description?: string;
  /** index into the complex's facilities (default 0, the main site) */
  facility?: number;
}

export interface SeedFacility {
  name: string;
  address: string;
  /** offset from the complex's main point in metres (north, east) */
  offsetM: [number, number];
}

export interface SeedComplex {
  name: string;
  street: string;
  community: string;
  mode: ComplexMode;
  address: string;
  lat: number;
  lng: number;
  hotline: string;
  openingHours?: string;
  description: string;
  facilities: SeedFacility[];
  /** the X spaces beyond the 7 standard ones */
  extra: SeedSpace[];
}

const SEVEN: Array<{ type: SpaceType; names: string[]; capacity: number }> = [
  { type: 'elderly', names: ['颐养驿站', '长者食堂', '老年活动室'], capacity: 30 },
  { type: 'health', names: ['健康小屋', '家庭医生工作室', '中医理疗室'], capacity: 10 },
  { type: 'vitality', names: ['多功能活动厅', '舞蹈室', '乒乓球室'], capacity: 40 },
  { type: 'education', names: ['四点半课堂', '老年大学教室', '书画室'], capacity: 30 },
  { type: 'governance', names: ['民意议事厅', '居民议事室', '党群服务站'], capacity: 25 },
  { type: 'life', names: ['便民服务站', '共享洗衣房', '维修服务点'], capacity: 10 },
  { type: 'charity', names: ['至善公益站', '爱心驿站', '慈善超市'], capacity: 15 },
];

/** The "7" standard spaces of a complex; `seed` picks one name of each type so complexes differ. */
export function sevenSpaces(seed: number): SeedSpace[] {
  return SEVEN.map((s, i) => ({ name: s.names[(seed + i) % s.names.length], type: s.type, capacity: s.capacity }));
}

const GYM: SeedSpace = { name: '健身房', type: 'other', bookable: true, capacity: 20, description: '每时段最多 20 人，请穿运动鞋' };
const STUDY: SeedSpace = { name: '西湖书房', type: 'education', bookable: true, capacity: 30, description: '安静阅读与自习，座位按时段预约' };
const KITCHEN: SeedSpace = { name: '共享厨房', type: 'life', bookable: true, capacity: 1, description: '整间预约，一个时段只接待一户' };
const STORE: SeedSpace = { name: '24小时无人超市', type: 'other', description: '扫码进店，积分券可用' };

export const COMPLEXES: SeedComplex[] = [
  {
    name: '文新街道阳光社区民生综合体',
    street: '文新街道',
    community: '阳光社区',
    mode: 'flagship',
    address: '杭州市西湖区文新街道竞舟路阳光社区综合楼 1-4 层',
    lat: 30.29118,
    lng: 120.11523,
    hotline: '0571-88001001',
    description: '西湖区首个民生综合体试点，一站式提供助老、健康、教育、议事等服务。',
    facilities: [{ name: '阳光综合楼', address: '竞舟路 218 号', offsetM: [0, 0] }],
    extra: [GYM, STUDY, KITCHEN, STORE],
  },
  {
    name: '文新街道德加社区民生综合体',
    street: '文新街道',
    community: '德加社区',
    mode: 'star_moon',
    address: '杭州市西湖区文新街道德加路德加社区服务中心',
    lat: 30.29862,
    lng: 120.10874,
    hotline: '0571-88001002',
    description: '主阵地加三处卫星点，步行 5 分钟可达。',
    facilities: [
      { name: '德加社区服务中心', address: '德加路 66 号', offsetM: [0, 0] },
      { name: '德加老年活动站', address: '德加路 12 号', offsetM: [260, 120] },
      { name: '德加儿童之家', address: '紫荆花路 301 号', offsetM: [-180, 240] },
      { name: '德加健康小站', address: '德加路 108 号', offsetM: [120, -330] },
    ],
    extra: [{ name: '共享厨房', type: 'life', bookable: true, capacity: 1, facility: 1, description: '整间预约' }],
  },
  {
    name: '北山街道西湖社区民生综合体',
    street: '北山街道',
    community: '西湖社区',
    mode: 'pearl_chain',
    address: '杭州市西湖区北山街道保俶路西湖社区',
    lat: 30.26842,
    lng: 120.14395,
    hotline: '0571-88002001',
    description: '沿保俶路分布的服务点串联成链，兼顾景区与老小区居民。',
    facilities: [
      { name: '保俶路服务点', address: '保俶路 70 号', offsetM: [0, 0] },
      { name: '宝石山下老年食堂', address: '保俶路 140 号', offsetM: [620, 80] },
      { name: '北山路文化驿站', address: '北山路 42 号', offsetM: [-540, -310] },
    ],
    extra: [{ name: '西湖书房', type: 'education', bookable: true, capacity: 24, facility: 2 }],
  },
  {
    name: '西溪街道古荡湾社区民生综合体',
    street: '西溪街道',
    community: '古荡湾社区',
    mode: 'star_moon',
    address: '杭州市西湖区西溪街道古荡湾新村 8 幢',
    lat: 30.27923,
    lng: 120.12981,
    hotline: '0571-88003001',
    description: '老小区改造而成，主阵地与两个卫星点相距不超过 500 米。',
    facilities: [
      { name: '古荡湾服务中心', address: '古荡湾新村 8 幢', offsetM: [0, 0] },
      { name: '古荡湾长者之家', address: '古荡湾新村 21 幢', offsetM: [210, -150] },
      { name: '古荡湾青少年空间', address: '文二路 88 号', offsetM: [-300, 200] },
    ],
    extra: [GYM],
  },
  {
    name: '灵隐街道玉古路社区民生综合体',
    street: '灵隐街道',
    community: '玉古路社区',
    mode: 'flagship',
    address: '杭州市西湖区灵隐街道玉古路 168 号',
    lat: 30.26513,
    lng: 120.13142,
    hotline: '0571-88004001',
    description: '独立建筑，立体式布局，五层各有主题。',
    facilities: [{ name: '玉古路综合服务大楼', address: '玉古路 168 号', offsetM: [0, 0] }],
    extra: [STUDY, STORE],
  },
  {
    name: '翠苑街道翠苑一区社区民生综合体',
    street: '翠苑街道',
    community: '翠苑一区社区',
    mode: 'flagship',
    address: '杭州市西湖区翠苑街道文三西路翠苑一区 45 幢',
    lat: 30.28467,
    lng: 120.12036,
    hotline: '0571-88005001',
    description: '集养老、托育、健身于一体的旗舰综合体。',
    facilities: [{ name: '翠苑一区综合楼', address: '文三西路 45 号', offsetM: [0, 0] }],
    extra: [GYM, KITCHEN],
  },
  {
    name: '古荡街道华星社区民生综合体',
    street: '古荡街道',
    community: '华星社区',
    mode: 'star_moon',
    address: '杭州市西湖区古荡街道华星路 99 号',
    lat: 30.27815,
    lng: 120.11962,
    hotline: '0571-88006001',
    description: '依托华星商圈，主阵地加两个卫星点。',
    facilities: [
      { name: '华星社区服务中心', address: '华星路 99 号', offsetM: [0, 0] },
      { name: '华星邻里食堂', address: '华星路 150 号', offsetM: [330, 90] },
      { name: '华星共享书屋', address: '天目山路 238 号', offsetM: [-240, -260] },
    ],
    extra: [{ name: '24小时无人超市', type: 'other', facility: 1 }],
  },
  {
    name: '西湖街道双峰社区民生综合体',
    street: '西湖街道',
    community: '双峰社区',
    mode: 'pearl_chain',
    address: '杭州市西湖区西湖街道双峰村',
    lat: 30.24188,
    lng: 120.12437,
    hotline: '0571-88007001',
    description: '茶村里的珠链式综合体，服务点分散在村落之间。',
    facilities: [
      { name: '双峰村民中心', address: '双峰村 1 号', offsetM: [0, 0] },
      { name: '茶文化驿站', address: '双峰村 56 号', offsetM: [700, 300] },
      { name: '双峰颐养小院', address: '双峰村 112 号', offsetM: [-650, 420] },
    ],
    extra: [{ name: '共享厨房', type: 'life', bookable: true, capacity: 1, facility: 0 }],
  },
  {
    name: '留下街道留下社区民生综合体',
    street: '留下街道',
    community: '留下社区',
    mode: 'flagship',
    address: '杭州市西湖区留下街道留下老街 38 号',
    lat: 30.25326,
    lng: 120.05438,
    hotline: '0571-88008001',
    description: '老街上的旗舰综合体，保留了老茶馆的议事传统。',
    facilities: [{ name: '留下综合服务楼', address: '留下老街 38 号', offsetM: [0, 0] }],
    extra: [STUDY, GYM],
  },
  {
    name: '转塘街道象山社区民生综合体',
    street: '转塘街道',
    community: '象山社区',
    mode: 'star_moon',
    address: '杭州市西湖区转塘街道象山路 352 号',
    lat: 30.15924,
    lng: 120.09257,
    hotline: '0571-88009001',
    description: '紧邻高校，志愿者力量强。',
    facilities: [
      { name: '象山社区服务中心', address: '象山路 352 号', offsetM: [0, 0] },
      { name: '象山长者驿站', address: '象山路 410 号', offsetM: [280, 160] },
    ],
    extra: [GYM],
  },
  {
    name: '蒋村街道蒋村花园社区民生综合体',
    street: '蒋村街道',
    community: '蒋村花园社区',
    mode: 'pearl_chain',
    address: '杭州市西湖区蒋村街道蒋村花园',
    lat: 30.28742,
    lng: 120.07618,
    hotline: '0571-88010001',
    description: '西溪湿地边的珠链式服务设施群。',
    facilities: [
      { name: '蒋村花园服务中心', address: '蒋村花园 3 区', offsetM: [0, 0] },
      { name: '五常港健康站', address: '五常港路 16 号', offsetM: [580, -500] },
      { name: '龙章文体中心', address: '龙章路 9 号', offsetM: [-800, 260] },
    ],
    extra: [STORE, { name: '健身房', type: 'other', bookable: true, capacity: 20, facility: 2 }],
  },
  {
    name: '三墩镇金地社区民生综合体',
    street: '三墩镇',
    community: '金地社区',
    mode: 'flagship',
    address: '杭州市西湖区三墩镇金地自在城 12 幢',
    lat: 30.32516,
    lng: 120.09384,
    hotline: '0571-88011001',
    description: '新城区旗舰综合体，青年家庭多，托育与教育空间大。',
    facilities: [{ name: '金地综合服务中心', address: '金地自在城 12 幢', offsetM: [0, 0] }],
    extra: [GYM, STUDY, KITCHEN],
  },
];

export const SERVICE_CATALOG: Array<{ name: string; items: string[] }> = [
  { name: '助老服务', items: ['老年人助餐送餐', '上门探访慰问', '智能手机使用培训', '老年人防诈骗讲座', '适老化改造咨询', '代办代购'] },
  { name: '医疗健康', items: ['义诊与健康体检', '中医推拿理疗', '慢性病用药指导', '心理健康咨询', '急救知识培训', '口腔健康检查'] },
  { name: '法律服务', items: ['法律咨询', '人民调解', '遗嘱与继承咨询', '劳动纠纷咨询', '普法宣传讲座'] },
  { name: '教育培训', items: ['四点半课堂辅导', '青少年科普课', '家庭教育讲座', '书法绘画课', '老年大学课程', '职业技能培训'] },
  { name: '文体活动', items: ['太极拳与健身操', '合唱与戏曲', '电影放映', '读书分享会', '社区运动会'] },
  { name: '就业创业', items: ['岗位推荐', '简历与面试辅导', '创业政策解读', '灵活就业指导', '失业人员帮扶'] },
  { name: '便民服务', items: ['家电维修', '理发', '磨刀修伞', '衣物缝补', '证照代办指导', '快递代收'] },
  { name: '政策宣传', items: ['医保社保政策解读', '住房政策咨询', '惠民政策宣讲', '垃圾分类指导', '消防安全宣传'] },
  { name: '环境治理', items: ['小区环境整治', '绿化认养', '楼道清理', '河道巡查', '文明养犬宣传'] },
  { name: '平安建设', items: ['反诈宣传', '交通安全教育', '治安巡逻', '燃气安全检查', '应急演练'] },
  { name: '公益慈善', items: ['困难家庭帮扶', '爱心捐赠', '志愿者培训', '残疾人关爱', '儿童关爱服务'] },
];

/** District departments whose party branches pair with complexes ("149 个部门机关党支部"). */
export const DEPARTMENTS: Array<{ name: string; branches: number }> = [
  { name: '区委办公室', branches: 4 }, { name: '区政府办公室', branches: 4 }, { name: '区委组织部', branches: 3 },
  { name: '区委宣传部', branches: 3 }, { name: '区委统战部', branches: 2 }, { name: '区委政法委', branches: 3 },
  { name: '区纪委区监委', branches: 5 }, { name: '区发展和改革局', branches: 4 }, { name: '区教育局', branches: 6 },
  { name: '区科学技术局', branches: 3 }, { name: '区民政局', branches: 5 }, { name: '区司法局', branches: 4 },
  { name: '区财政局', branches: 5 }, { name: '区人力资源和社会保障局', branches: 5 }, { name: '区住房和城乡建设局', branches: 5 },
  { name: '区农业农村局', branches: 3 }, { name: '区商务局', branches: 3 }, { name: '区文化和广电旅游体育局', branches: 5 },
  { name: '区卫生健康局', branches: 6 }, { name: '区退役军人事务局', branches: 2 }, { name: '区应急管理局', branches: 3 },
  { name: '区审计局', branches: 3 }, { name: '区市场监督管理局', branches: 6 }, { name: '区统计局', branches: 2 },
  { name: '区医疗保障局', branches: 3 }, { name: '区信访局', branches: 2 }, { name: '区数据资源管理局', branches: 2 },
  { name: '区城市管理局', branches: 6 }, { name: '区残疾人联合会', branches: 2 }, { name: '区总工会', branches: 3 },
  { name: '团区委', branches: 2 }, { name: '区妇联', branches: 2 }, { name: '区科协', branches: 2 },
  { name: '区人民法院', branches: 6 }, { name: '区人民检察院', branches: 5 }, { name: '区税务局', branches: 5 },
  { name: '区消防救援大队', branches: 3 }, { name: '区公安分局', branches: 6 }, { name: '区规划和自然资源分局', branches: 3 },
  { name: '区生态环境分局', branches: 3 },
];

export const BRANCH_ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八'];
