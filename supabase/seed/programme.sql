-- The demo programme for LOCAL development (issue #10): the team's 22 demo events, one online live
-- stream and a monthly series (月进社区), all published, dated relative to the moment this seed runs
-- (when the local database is created), so a newcomer always sees a live programme: four past
-- events with saved reports, one cancelled, the rest upcoming. Run after seed.sql (the demo
-- coordinator is the author). Never run this against a production project.
--
-- Dates: each event keeps the weekday and time of day it was planned with. day = days after the
-- Monday of the week the database is created (Asia/Shanghai), so day < 0 is always past and
-- day >= 10 always upcoming, whichever weekday the seed runs on.

create temporary table seed_venues (
  key text primary key, name text, address text, district text, lat double precision, lng double precision
);
insert into seed_venues (key, name, address, district, lat, lng) values
  ('shinan-senior-university-pension-talk', '市南区某老年大学（香港西路教学点）', '青岛市市南区香港西路52号', 'shinan', 36.0603, 120.3648),
  ('huangdao-market-fundraising-stall', '黄岛区某农贸市场东门广场', '青岛市黄岛区长江中路218号', 'huangdao', 35.9588, 120.1885),
  ('licang-jiushui-fake-officials-talk', '李沧区某社区党群服务中心（九水东路）', '青岛市李沧区九水东路136号', 'licang', 36.1612, 120.4355),
  ('chengyang-factory-canteen-task-rebate', '城阳区某食品企业职工食堂', '青岛市城阳区春阳路366号', 'chengyang', 36.2951, 120.3822),
  ('jimo-branch-lobby-debt-relief', '某银行即墨蓝鳌路支行营业大堂', '青岛市即墨区蓝鳌路1088号', 'jimo', 36.3878, 120.4572),
  ('laoshan-community-fundraising-class', '崂山区某社区党群服务中心（株洲路）', '青岛市崂山区株洲路77号', 'laoshan', 36.1183, 120.4652),
  ('shibei-yanji-road-pension-talk', '市北区某社区党群服务中心（延吉路）', '青岛市市北区延吉路112号', 'shibei', 36.0921, 120.3793),
  ('shinan-square-weekend-booth', '市南区某滨海广场东侧宣传点', '青岛市市南区东海西路35号', 'shinan', 36.0627, 120.3857),
  ('huangdao-new-resident-station-loans', '黄岛区某街道新市民服务站', '青岛市黄岛区井冈山路658号', 'huangdao', 35.9712, 120.1788),
  ('laixi-weekend-market-stall', '莱西市某集市入口', '青岛市莱西市烟台路206号', 'laixi', 36.8866, 120.5181),
  ('licang-senior-university-investment', '李沧区某老年大学报告厅', '青岛市李沧区京口路28号', 'licang', 36.1482, 120.4205),
  ('jiaozhou-enterprise-canteen-talk', '胶州市某制造企业职工食堂', '青岛市胶州市扬州路189号', 'jiaozhou', 36.2705, 120.0452),
  ('laoshan-branch-lobby-refund-scams', '某银行崂山香港东路支行营业大堂', '青岛市崂山区香港东路195号', 'laoshan', 36.1002, 120.4558),
  ('chengyang-community-rights-agent-class', '城阳区某社区党群服务中心（正阳路）', '青岛市城阳区正阳路157号', 'chengyang', 36.3088, 120.4012),
  ('shibei-taidong-new-resident-loans', '市北区某新市民服务站（台东）', '青岛市市北区威海路245号', 'shibei', 36.0842, 120.3566),
  ('jimo-senior-university-first-class', '即墨区某老年大学报告厅', '青岛市即墨区鹤山路316号', 'jimo', 36.3936, 120.4468),
  ('shinan-high-school-admission-scam', '市南区某中学报告厅', '青岛市市南区江西路108号', 'shinan', 36.0718, 120.3932),
  ('huangdao-college-campus-loans', '黄岛区某职业技术学院学术报告厅', '青岛市黄岛区前湾港路579号', 'huangdao', 35.9815, 120.1603),
  ('pingdu-square-investment-awareness', '平度市某城区广场', '青岛市平度市红旗路88号', 'pingdu', 36.7812, 119.9598),
  ('licang-park-consumer-rights-day', '李沧区某公园南广场', '青岛市李沧区书院路66号', 'licang', 36.1563, 120.4375),
  ('chengyang-park-weekend-booth', '城阳区某公园中心广场', '青岛市城阳区文阳路300号', 'chengyang', 36.3118, 120.3925),
  ('laoshan-high-school-admission-talk', '崂山区某中学报告厅', '青岛市崂山区松岭路129号', 'laoshan', 36.1238, 120.4706);

-- Each demo 支行 (seed.sql) runs the events of its nearby districts; online events are the team's own.
create temporary table seed_branches (district text primary key, branch_id text);
insert into seed_branches values ('shinan', 'shinan'), ('shibei', 'shinan'), ('laoshan', 'laoshan'), ('licang', 'laoshan'),
  ('huangdao', 'huangdao'), ('jiaozhou', 'huangdao'), ('pingdu', 'huangdao'),
  ('chengyang', 'chengyang'), ('jimo', 'chengyang'), ('laixi', 'chengyang');

-- slots: places per role, named by its label in the catalogue (xinghuo.volunteer_roles, the one
-- definition of roles: the seed looks the ids up); venue: a seed_venues key.
create temporary table seed_events (
  slug text primary key, title text, summary text, description text, kind text, channel text, venue text,
  day integer, starts time, ends time, audiences text[], topics text[], partners text[], slots jsonb,
  cancel_reason text
);
insert into seed_events (slug, title, summary, description, kind, channel, venue, day, starts, ends,
                         audiences, topics, partners, slots, cancel_reason) values
  ('shinan-senior-university-pension-talk', '守好养老钱——市南某老年大学防骗课', '在老年大学课间开讲，拆解“高息养老项目”“免费体检送礼品”等套路，现场答疑并发放大字版折页。',
   '本次课安排在老年大学上午课间。银行工作人员用三个改编自真实情况的案例，讲了“高息养老项目”“免费体检送礼品”背后的圈套；民警补充了冒充公检法来电的常见说法，提醒大家“配合调查、不许告诉家人”的电话一律挂断。之后是互动问答，答对的学员领到了放大镜书签。现场发放大字版防骗折页，约八十位学员参加。

教室在一楼，设有无障碍坡道，前排预留了听力不便学员的座位。参加者无需携带任何证件。志愿者当天负责签到引导、分发折页，并帮助行动不便的学员入座。',
   'school_enterprise', null, 'shinan-senior-university-pension-talk', -47, '09:30', '11:00', array['elderly']::text[], array['pension-scam', 'fake-officials']::text[], array['某派出所', '某街道办事处', '某老年大学']::text[],
   '{"银行工作人员": 3, "民警": 1, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 3}', null),
  ('huangdao-market-fundraising-stall', '赶集顺便学防骗——黄岛某农贸市场宣传摊', '周六早市设宣传摊位，用“高息回报”“保本理财”的案例提醒街坊警惕非法集资和养老投资骗局。',
   '周六早市人流最多的时段，我们在市场东门摆了宣传摊。银行工作人员对照折页讲解“承诺高息、拉人头返利”这类非法集资的典型特征，街道工作人员介绍了发现线索后的举报渠道。现场设了“真假理财”翻牌小游戏，不少买菜的街坊停下来试了试。活动共发放折页六百余份。

摊位在露天平地，轮椅可直接到达，旁边放了几张折叠凳供老人歇脚。来逛市场的任何人都可以参与，不用带东西。志愿者主要负责招呼过往居民、讲解折页、维护摊位秩序。',
   'community', null, 'huangdao-market-fundraising-stall', -37, '08:30', '11:00', array['everyone', 'elderly']::text[], array['illegal-fundraising', 'pension-scam']::text[], array['某街道办事处', '某社区居委会']::text[],
   '{"银行工作人员": 3, "街道社区工作人员": 2, "其他志愿者（学生、退休人员等）": 5}', null),
  ('licang-jiushui-fake-officials-talk', '接到“公检法”电话怎么办——李沧某社区宣讲', '民警和银行工作人员讲解冒充公检法、冒充客服退款的话术，演示如何核实来电，并介绍96110劝阻专线。',
   '下午的宣讲在社区党群服务中心多功能厅进行。民警播放了一段诈骗电话录音，逐句拆解“你涉嫌洗钱”“配合调查不能告诉家人”等说法；银行工作人员讲了“客服说要退款、让你开共享屏幕”的骗局，并提醒大家接到96110来电一定要接。最后是现场答疑，几位居民带来了自己收到的可疑短信，请大家帮忙判断。

多功能厅在一楼，有无障碍通道和扶手，座位充足。居民无需携带证件。志愿者负责签到、引导入座，会后协助老人把96110存进手机通讯录。',
   'community', null, 'licang-jiushui-fake-officials-talk', -18, '14:30', '16:00', array['elderly', 'everyone']::text[], array['fake-officials', 'fake-refund']::text[], array['某派出所', '某街道办事处']::text[],
   '{"银行工作人员": 2, "民警": 1, "街道社区工作人员": 2, "其他志愿者（学生、退休人员等）": 3}', null),
  ('chengyang-factory-canteen-task-rebate', '午饭时间聊聊刷单和网贷——城阳某企业食堂', '走进工业园企业食堂，面向新市民职工讲解刷单返利和网络贷款诈骗，现场答疑并发放折页。',
   '活动利用职工午饭时间，在食堂一角摆台讲解。银行工作人员结合外地来青务工人员常遇到的情况，讲了“点赞关注就能领佣金”“先垫付后返利”的刷单套路，以及“无抵押秒批、先交解冻费”的网贷骗局。职工边吃饭边提问，问得最多的是怎样查询自己的征信记录。现场发放折页三百余份。

食堂在一楼，没有台阶，座位就是餐桌。职工不用带任何东西。志愿者负责在取餐口发折页、回答简单问题，并把复杂问题引导给银行工作人员。',
   'school_enterprise', null, 'chengyang-factory-canteen-task-rebate', -5, '11:30', '13:00', array['new-residents']::text[], array['task-rebate', 'online-loan']::text[], array['某企业工会', '某派出所']::text[],
   '{"银行工作人员": 3, "民警": 1, "其他志愿者（学生、退休人员等）": 2}', null),
  ('jimo-branch-lobby-debt-relief', '“征信修复”不靠中介——即墨某支行大堂开放日', '在银行网点大堂讲解“代理维权”“减免债务”“征信修复”等骗局，告诉大家正规的异议和投诉渠道。',
   '开放日当天，支行在营业大堂设讲解台。银行工作人员会说明征信异议的正规办理方式，提醒大家：声称能“花钱洗白征信”“代理投诉减免欠款”的中介，往往收费后就失联，还可能套取个人信息。律师会讲解找“代理维权”中介的法律风险，并介绍12378银行保险消费者投诉维权热线。

大堂门口有无障碍坡道，等候区座椅可用，柜台备有老花镜和放大镜。来访者不需要带证件，只听讲解即可。志愿者负责迎宾、分发折页，并陪同有疑问的来访者到咨询台。',
   'lobby', null, 'jimo-branch-lobby-debt-relief', 10, '09:30', '11:30', array['everyone']::text[], array['debt-relief', 'rights-agent']::text[], array['某律师事务所', '某街道办事处']::text[],
   '{"银行工作人员": 4, "街道社区工作人员": 1, "律师": 1, "其他志愿者（学生、退休人员等）": 2}', null),
  ('laoshan-community-fundraising-class', '每月进社区：崂山某社区以案说险课堂', '与区金融工作部门合办的月度社区课堂，用案例讲解、互动问答和亲历分享讲清非法集资与虚假投资理财。',
   '这是每月一次的社区课堂。银行工作人员先讲两个案例：一位老人被“原始股马上上市”吸引投了积蓄，另一位在“荐股群”里跟着“老师”操作后无法提现。随后是互动问答，居民分组判断几条理财广告是否可信；最后请居民说说自己或家人遇到过的可疑情况。课后发放折页。

活动室在二楼，有电梯和无障碍卫生间，座位约六十个。参加者无需带证件。志愿者负责签到、递送话筒、整理问答卡片。',
   'community', null, 'laoshan-community-fundraising-class', 23, '14:30', '16:30', array['elderly', 'everyone']::text[], array['illegal-fundraising', 'fake-investment']::text[], array['区金融工作部门', '某派出所', '某街道办事处']::text[],
   '{"银行工作人员": 3, "民警": 1, "街道社区工作人员": 2, "其他志愿者（学生、退休人员等）": 3}', null),
  ('shibei-yanji-road-pension-talk', '保健品、“以房养老”背后的坑——市北某社区宣讲', '面向社区老人讲解养老诈骗常见套路和冒充公检法来电，现场答疑，发放大字版折页。',
   '宣讲分三段：银行工作人员讲“免费旅游、听课送鸡蛋，最后推销高价保健品”和“以房养老签了抵押合同”两类案例；民警讲解冒充公检法电话的识别方法；最后是现场答疑，可以把家里收到的可疑合同、宣传单带来，请我们帮忙看看。现场发放大字版折页。

欢迎社区老人和陪同的家属参加，不需要携带身份证。活动室在一楼，有无障碍通道，座位约五十个，先到先坐。志愿者需要提前半小时到场布置，负责签到、引导、分发折页，并留意身体不适的老人。',
   'community', null, 'shibei-yanji-road-pension-talk', 30, '09:30', '11:00', array['elderly']::text[], array['pension-scam', 'fake-officials']::text[], array['某派出所', '某街道办事处']::text[],
   '{"银行工作人员": 3, "民警": 1, "街道社区工作人员": 2, "其他志愿者（学生、退休人员等）": 4}', null),
  ('shinan-square-weekend-booth', '周末广场防骗小课堂——市南某广场宣传点', '周六上午在海边广场设宣传点，讲解冒充客服退款和刷单返利骗局，设互动小游戏，适合全家一起来。',
   '周六上午在广场东侧设宣传点。银行工作人员会演示骗子冒充快递、电商客服“主动退款”的完整过程，讲清为什么不能开共享屏幕、不能报验证码；另有“刷单返利”情景小游戏，答对可领取防骗书签。现场发放折页。

路过的居民、游客、带孩子的家庭都欢迎参加，不用带任何东西。宣传点设在平整的广场地面，轮椅和婴儿车可以直接到达，备有少量折叠凳。户外风大，请注意保暖。志愿者负责搭设摊位、带领游戏、讲解折页，需要能站立两小时左右。',
   'community', null, 'shinan-square-weekend-booth', 33, '09:00', '11:30', array['everyone']::text[], array['fake-refund', 'task-rebate']::text[], array['某街道办事处', '某社区居委会']::text[],
   '{"银行工作人员": 3, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 6}', null),
  ('huangdao-new-resident-station-loans', '新市民安家金融课——黄岛某新市民服务站', '为刚来西海岸工作生活的新市民讲解网络贷款诈骗和刷单返利，介绍开户、转账的安全习惯。',
   '服务站平时接待办居住证、找工作的新市民，这次我们来讲讲“安家”时最容易碰到的金融骗局：号称“不看征信、当天放款”的网贷，放款前却要先交保证金；还有“在家动动手指就能赚钱”的刷单兼职。银行工作人员还会介绍办卡、设置转账限额等实用做法，并现场答疑。

刚来青岛的务工人员、毕业生和家属都可以来，不需要带证件。服务站在一楼，没有台阶，座位约四十个。志愿者负责签到、分发折页，并帮忙解答手机银行设置等简单问题。',
   'community', null, 'huangdao-new-resident-station-loans', 37, '14:00', '16:00', array['new-residents']::text[], array['online-loan', 'task-rebate']::text[], array['某街道办事处', '某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 3}', null),
  ('laixi-weekend-market-stall', '大集上的防骗摊——莱西某集市宣传', '赶上周六大集，在集市入口设摊，提醒乡亲们警惕高息集资和针对老年人的养老骗局。',
   '周六大集人多，我们在集市入口摆摊。银行工作人员用大白话讲“投钱搞养殖、合作社年年分红”“交会员费领养老补贴”这类常见的集资骗局，街道工作人员介绍举报方式。摊位准备了“猜猜哪张是真存单”小游戏，参与就送环保袋。

赶集的乡亲随到随听，不需要带任何东西。摊位在平地上，方便轮椅和三轮车靠近，备有板凳。早上气温低，请穿厚外套。志愿者负责搭摊、招呼引导、发折页，也可以帮老人读一读折页上的内容。',
   'community', null, 'laixi-weekend-market-stall', 40, '08:00', '10:30', array['everyone', 'elderly']::text[], array['illegal-fundraising', 'pension-scam']::text[], array['某街道办事处', '某派出所']::text[],
   '{"银行工作人员": 3, "民警": 1, "街道社区工作人员": 2, "其他志愿者（学生、退休人员等）": 5}', null),
  ('licang-senior-university-investment', '理财讲座背后的局——李沧某老年大学专题课', '在老年大学讲解虚假投资理财和养老诈骗，拆解“理财讲座送礼品”“高息养老公寓”两类骗局，现场答疑。',
   '银行工作人员原计划讲解“理财讲座送礼品、现场签投资合同”和“高息养老公寓”两类骗局，并现场答疑。新的日期确定后会在本网站公布，已报名的志愿者会收到通知，无需另外操作。

如果您有急需咨询的问题，可以就近到银行网点询问，或拨打12378银行保险消费者投诉维权热线；遇到可疑来电，请记住96110。',
   'school_enterprise', null, 'licang-senior-university-investment', 44, '09:30', '11:00', array['elderly']::text[], array['fake-investment', 'pension-scam']::text[], array['某老年大学', '某街道办事处']::text[],
   '{"银行工作人员": 3, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 3}', '老年大学报告厅临时安排暖气管道检修，当天无法使用。'),
  ('jiaozhou-enterprise-canteen-talk', '食堂里的反诈课——胶州某企业职工专场', '银企联合进企业食堂，面向外来务工职工讲解刷单返利、网络贷款诈骗，教大家识别“高薪兼职”。',
   '这是一次银行和企业联合办的职工专场，安排在午饭时段。银行工作人员会讲：为什么“日结三百、手机就能做”的兼职多半是刷单陷阱；网贷平台要求先交“解冻费”“会员费”就是诈骗；工资卡借给别人用，可能卷入帮助洗钱。企业工会的同事会一起参与答疑。

企业全体职工都可以来听，边吃饭边听也可以，不需要带东西。食堂在一楼，入口没有台阶。志愿者需要在11点前到场，负责在食堂入口发折页、在餐桌间回答问题，并收集职工想进一步了解的问题。',
   'school_enterprise', null, 'jiaozhou-enterprise-canteen-talk', 46, '11:30', '13:00', array['new-residents', 'everyone']::text[], array['task-rebate', 'online-loan']::text[], array['某企业工会', '某派出所']::text[],
   '{"银行工作人员": 3, "民警": 1, "其他志愿者（学生、退休人员等）": 3}', null),
  ('laoshan-branch-lobby-refund-scams', '年货季防“退款”骗局——崂山某支行大堂讲解', '年底网购多，在银行网点大堂讲解冒充客服退款、“征信修复”骗局，现场教大家设置转账提醒。',
   '年底网购和快递多，冒充客服“理赔退款”的电话也跟着多起来。讲解会在营业大堂进行：银行工作人员演示诈骗短信和电话的常见说法，告诉大家正规客服不会让你下载会议软件，也不会让你“注销校园贷账户”；还会讲“花钱修复征信”为什么不可信。讲完后可以请工作人员帮忙在手机银行设置转账限额和提醒。

所有人都可以来，不需要预约，不用带证件；想设置手机银行请带上自己的手机。大堂有无障碍坡道、等候座椅和老花镜。志愿者负责大堂引导和分发折页，讲解时帮助维持秩序。',
   'lobby', null, 'laoshan-branch-lobby-refund-scams', 66, '14:30', '16:00', array['everyone']::text[], array['fake-refund', 'debt-relief']::text[], array['某派出所']::text[],
   '{"银行工作人员": 4, "民警": 1, "其他志愿者（学生、退休人员等）": 2}', null),
  ('chengyang-community-rights-agent-class', '别信“代理维权”——城阳某社区老年课堂', '为社区老人讲解养老诈骗和“代理维权”“代理退保”骗局，律师现场解答合同与维权问题。',
   '有些老人买了保险或理财产品后，会接到“帮你全额退保、帮你追回损失”的电话。这类“代理维权”往往先收费再失联，还可能骗走身份证和银行卡信息。课堂上，银行工作人员和律师会用案例讲清这类骗局，介绍正规的投诉渠道和调解方式，也会提醒大家警惕“养老项目入股”“养老床位预售”。

欢迎社区老人和家属参加，不用带证件；有想请律师看的合同，可以带复印件来。活动室在一楼，有无障碍通道，座位约五十个。志愿者负责签到、引导，并帮老人登记想单独咨询的问题。',
   'community', null, 'chengyang-community-rights-agent-class', 72, '09:30', '11:00', array['elderly']::text[], array['pension-scam', 'rights-agent']::text[], array['某律师事务所', '某街道办事处', '某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "街道社区工作人员": 2, "律师": 1, "其他志愿者（学生、退休人员等）": 3}', null),
  ('shibei-taidong-new-resident-loans', '返乡前的钱包安全课——市北某新市民服务站', '春节返乡前，为新市民讲解网络贷款诈骗和“减免债务”“征信修复”骗局，提醒保管好银行卡。',
   '春节前很多新市民忙着买车票、往家里寄钱，也容易碰到“低息网贷”“帮你协商还款、减免欠款”的电话。讲解由银行工作人员主讲，告诉大家：正规贷款放款前不收任何费用；协商还款可以直接找贷款机构，不需要付费中介；银行卡、手机卡不要出借。最后有现场答疑和“找不同”小游戏。

在附近工作生活的新市民都可以来，不需要带证件。服务站在一楼，门口有坡道，座位约三十个。志愿者负责签到、发折页、回答简单问题，并提醒大家记下96110和110。',
   'community', null, 'shibei-taidong-new-resident-loans', 79, '14:00', '15:30', array['new-residents']::text[], array['online-loan', 'debt-relief']::text[], array['某街道办事处', '某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 3}', null),
  ('jimo-senior-university-first-class', '开学第一课：防骗——即墨某老年大学', '老年大学春季开学后的第一堂防骗课，讲解养老诈骗和非法集资，用举牌问答帮学员记住要点。',
   '春季学期开学，我们把防骗课放进“开学第一课”。银行工作人员会讲三个常见圈套：打着“养老服务”旗号预售床位、收取会员费；用“分红”“原始股”吸引老人投钱；假冒“发放老年补贴”骗取银行卡密码。讲完是互动问答，用举牌的方式判断对错，答题卡可以带回家给家人看。

老年大学学员和陪同家属都可以参加，不需要带证件。报告厅有无障碍通道和电梯，前两排留给听力、视力不便的学员。志愿者负责签到、搀扶行动不便的学员、发放大字版折页。',
   'school_enterprise', null, 'jimo-senior-university-first-class', 114, '09:30', '11:00', array['elderly']::text[], array['pension-scam', 'illegal-fundraising']::text[], array['某老年大学', '某街道办事处']::text[],
   '{"银行工作人员": 3, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 4}', null),
  ('shinan-high-school-admission-scam', '高考百日，别让骗子钻空子——市南某中学家长课', '高考前百日，面向高三学生和家长讲解“内部指标”“降分录取”“助学金”等升学诈骗，现场答疑。',
   '高考前后，骗子常冒充招生老师、教育部门，推销“内部指标”“花钱降分录取”，或者以“发放助学金”为名要求转账。这场家长课面向高三学生和家长，银行工作人员和民警会用近年的案例讲清这些说法为什么是假的，提醒大家只相信官方渠道发布的信息，录取不需要交钱“锁定名额”。最后留出时间现场答疑。

高三学生和家长都欢迎参加，无需携带证件。报告厅入口有坡道，设有无障碍座位区。志愿者负责在校门口引导家长、签到和分发折页，需要遵守学校的进校登记要求。',
   'school_enterprise', null, 'shinan-high-school-admission-scam', 121, '14:30', '16:00', array['students']::text[], array['admission-scam']::text[], array['某中学', '某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "其他志愿者（学生、退休人员等）": 3}', null),
  ('huangdao-college-campus-loans', '校园里的“轻松贷”和“刷单兼职”——黄岛某职业学院', '银行和学校联合进校园，为大学生讲解网络贷款诈骗、刷单返利和冒充客服“注销校园贷”的骗局。',
   '这是一场面向在校大学生的讲座。银行工作人员会讲：不需要审核的“学生专属贷”往往利息高、催收狠；“先垫付、后返佣”的兼职就是刷单诈骗；自称客服说“你的校园贷账户要注销，否则影响征信”，目的是骗你转账。民警会介绍出租、出售银行卡和手机卡的法律后果。

全体在校学生都可以来，不需要带学生证。报告厅入口有坡道，设有无障碍座位。在校学生也可以报名“志愿者”岗位，负责签到、维持秩序、在互动环节递送话筒。',
   'school_enterprise', null, 'huangdao-college-campus-loans', 128, '14:30', '16:00', array['students']::text[], array['online-loan', 'task-rebate', 'fake-refund']::text[], array['某职业技术学院', '某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "其他志愿者（学生、退休人员等）": 4}', null),
  ('pingdu-square-investment-awareness', '3·15前的周末宣传——平度某城区广场', '在“3·15”前的周末，于平度城区广场设宣传摊，讲解非法集资和虚假投资理财，设问答小游戏。',
   '赶在“3·15”金融消费者权益保护日之前，我们在平度城区广场办一次周末宣传。银行工作人员会讲怎样识别非法集资：承诺保本高息、拉人入伙有奖励、没有正规金融牌照；也会讲“荐股群”“虚拟币投资”平台一开始能小额提现、后来就关网跑路的套路。现场设有问答转盘小游戏和折页领取点。

逛广场的居民都可以参加，不用带任何东西。广场地面平整，方便轮椅通行，摊位旁放有座椅。志愿者负责搭摊、带领小游戏、讲解折页，需要站立较长时间，请穿舒适的鞋。',
   'community', null, 'pingdu-square-investment-awareness', 131, '09:00', '11:30', array['everyone']::text[], array['illegal-fundraising', 'fake-investment']::text[], array['某街道办事处', '某派出所']::text[],
   '{"银行工作人员": 3, "民警": 1, "街道社区工作人员": 2, "其他志愿者（学生、退休人员等）": 5}', null),
  ('licang-park-consumer-rights-day', '3·15金融消费者权益日——李沧某公园广场答疑', '金融消费者权益保护日当天，联合派出所、街道和律师在公园广场分台答疑，集中讲解常见金融骗局。',
   '3月15日是金融消费者权益保护日。当天上午，银行工作人员、民警、街道工作人员和律师会在公园广场分台答疑：有人打电话说要“退款理赔”怎么办？亲戚拉我投资“养老项目”能不能信？中介说能“减免债务”要不要交钱？银行业务纠纷可以打12378热线。现场还有折页领取和打卡小游戏。

所有居民都可以来，不需要带证件，有具体问题可以把相关短信、合同拍照带来。广场有无障碍通道，答疑台旁设有座位。志愿者负责引导居民到对应的答疑台、发放折页、维持排队秩序。',
   'community', null, 'licang-park-consumer-rights-day', 133, '09:30', '11:30', array['everyone']::text[], array['fake-refund', 'illegal-fundraising', 'debt-relief']::text[], array['某派出所', '某街道办事处', '某律师事务所']::text[],
   '{"银行工作人员": 4, "民警": 2, "街道社区工作人员": 2, "律师": 1, "其他志愿者（学生、退休人员等）": 6}', null),
  ('chengyang-park-weekend-booth', '周末公园里的防骗角——城阳某公园', '周六上午在公园中心广场设宣传角，讲解虚假投资理财和刷单返利骗局，带孩子的家庭也能一起玩小游戏。',
   '春天公园里晨练、遛娃的人多，我们在中心广场设一个防骗角。银行工作人员会讲“投资群里老师带你赚钱”“平台显示盈利却提不了现”的虚假投资套路，以及“做任务返佣金”的刷单骗局；孩子们可以玩“火眼金睛”找骗局卡片游戏，大人们可以现场提问。

晨练的居民、带孩子的家庭都欢迎，不用带任何东西。广场地面平整，方便轮椅和婴儿车，设有休息座椅。志愿者负责摆放展板、组织小游戏、发折页，请提前二十分钟到场。',
   'community', null, 'chengyang-park-weekend-booth', 138, '09:00', '11:00', array['everyone']::text[], array['fake-investment', 'task-rebate']::text[], array['某街道办事处', '某社区居委会']::text[],
   '{"银行工作人员": 2, "街道社区工作人员": 1, "其他志愿者（学生、退休人员等）": 5}', null),
  ('laoshan-high-school-admission-talk', '志愿填报不花冤枉钱——崂山某中学高三家长会宣讲', '借高三家长会时间，讲解“志愿填报指导”“内部名额”等升学诈骗和冒充招生部门来电，提醒认准官方渠道。',
   '高三家长会后，我们用一个多小时和家长聊聊升学季的钱包安全。内容包括：高价“志愿填报一对一指导”承诺“保上名校”不可信；有人冒充招生办、考试院打电话说“补录要交费”，要立刻挂断；所谓“军校、公安院校内部名额”都是骗局。民警会补充接到可疑电话后怎样核实、怎样报警，随后现场答疑。

高三学生家长和学生均可参加，不需要带证件。报告厅在一楼，有无障碍入口和座位。志愿者负责在报告厅门口签到、发放折页、收集家长的书面提问。',
   'school_enterprise', null, 'laoshan-high-school-admission-talk', 142, '15:00', '16:30', array['students']::text[], array['admission-scam', 'fake-officials']::text[], array['某中学', '某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "其他志愿者（学生、退休人员等）": 2}', null),
  ('live-fake-refund-qa', '线上直播：接到“客服退款”电话怎么办', '在本队视频号直播间还原冒充客服退款的诈骗电话，讲清为什么不能共享屏幕、不能报验证码，并回答留言提问。',
   '这场直播面向不方便出门的居民和在外地工作的家人。银行工作人员会还原一通“快递丢件理赔”“取消会员自动扣费”的诈骗电话，一步步讲解骗子怎样诱导下载会议软件、打开屏幕共享，再骗走验证码。民警会介绍接到96110劝阻电话时该怎么做。

直播约一小时，在手机微信里打开视频号就能观看，不需要下载其他软件。家里的老人如果不会操作，可以请子女帮忙打开。志愿者负责在直播间回复留言、整理大家的提问。',
   'online', 'live_stream', null, 16, '19:30', '20:30', array['everyone', 'elderly']::text[], array['fake-refund', 'fake-officials']::text[], array['某派出所']::text[],
   '{"银行工作人员": 2, "民警": 1, "其他志愿者（学生、退休人员等）": 2}', null);

-- The monthly series 月进社区: the seed_events row of this slug is the text of every occurrence (its
-- day is not used); they fall on the second Wednesday of each of the next four months (the rule as
-- coord_create_series takes it).
create temporary table seed_series (slug text primary key, title text, rule jsonb);
insert into seed_series values
  ('laoshan-community-fundraising-class', '月进社区·崂山以案说险课堂', '{"every": "month", "nth": 2, "weekday": 3, "count": 4}');

-- What the four past events' coordinators reported (figures as the report form takes them: the
-- people reached split by audience, the parts adding up to the total).
create temporary table seed_reports (
  slug text primary key, people_reached integer, volunteers_present integer, questions_answered integer,
  notes text, materials jsonb, reach_by_audience jsonb
);
insert into seed_reports values
  ('shinan-senior-university-pension-talk', 82, 8, 15, '学员提问踊跃，大字版折页很受欢迎。', '{"leaflet": 120, "giveaway": 80}',
   '{"elderly": 76, "students": 0, "new-residents": 0, "other": 6}'),
  ('huangdao-market-fundraising-stall', 650, 10, 34, '早市人多，翻牌游戏吸引了不少街坊。', '{"leaflet": 620, "poster": 4, "giveaway": 60}',
   '{"elderly": 390, "students": 40, "new-residents": 120, "other": 100}'),
  ('licang-jiushui-fake-officials-talk', 64, 8, 21, '会后帮二十多位老人把96110存进了手机。', '{"leaflet": 90, "booklet": 20}',
   '{"elderly": 58, "students": 0, "new-residents": 0, "other": 6}'),
  ('chengyang-factory-canteen-task-rebate', 280, 6, 26, '职工最关心怎样查询自己的征信记录。', '{"leaflet": 310}',
   '{"elderly": 0, "students": 0, "new-residents": 236, "other": 44}');

do $$
declare
  v_author constant uuid := '5eed0000-0000-4000-8000-000000000001'; -- 示范协调员, from seed.sql
  v_session constant uuid := pg_catalog.gen_random_uuid();
  v_monday date := pg_catalog.date_trunc('week', pg_catalog.now() at time zone 'Asia/Shanghai')::date;
  v_this_month date := pg_catalog.date_trunc('month', pg_catalog.now() at time zone 'Asia/Shanghai')::date;
  v_venue record;
  v_event record;
  v_series record;
  v_report record;
  v_venue_id bigint;
  v_venue_district text;
  v_roles jsonb;
  v_series_id bigint;
  v_id bigint;
  v_first timestamptz;
  v_start timestamptz;
  v_p jsonb;
  v_before jsonb;
  v_n integer;
begin
  -- Written as the demo coordinator, signed in (a session of the seed's own, ended below): the
  -- workspace's helpers check the caller's session and branch scope, and created_by/updated_by
  -- and history name them.
  insert into auth.sessions (id, user_id, created_at) values (v_session, v_author, pg_catalog.now());
  perform pg_catalog.set_config('request.jwt.claims', pg_catalog.json_build_object(
    'sub', v_author, 'role', 'authenticated', 'session_id', v_session)::text, false);

  for v_venue in select * from seed_venues order by key loop
    perform xinghuo.raise_problems('venue_invalid', xinghuo.venue_problems(pg_catalog.to_jsonb(v_venue) - 'key'));
    insert into xinghuo.venues (name, address, district, lat, lng, updated_by)
    values (v_venue.name, v_venue.address, v_venue.district, v_venue.lat, v_venue.lng, v_author);
  end loop;

  for v_event in select * from seed_events order by day, starts, slug loop
    select s.* into v_series from seed_series s where s.slug = v_event.slug;
    v_series_id := null;
    if v_series.slug is not null then
      insert into xinghuo.event_series (title, rule, created_by) values (v_series.title, v_series.rule, v_author)
      returning id into v_series_id;
    end if;
    select v.id, v.district into v_venue_id, v_venue_district
    from seed_venues sv join xinghuo.venues v on v.name = sv.name and v.retired_at is null
    where sv.key = v_event.venue;
    if exists (select 1 from pg_catalog.jsonb_object_keys(v_event.slots) k
               where not exists (select 1 from xinghuo.volunteer_roles r where r.label = k)) then
      raise exception 'seed event %: a role label is not in xinghuo.volunteer_roles', v_event.slug;
    end if;
    select pg_catalog.jsonb_object_agg(r.id, l.value) into v_roles
    from pg_catalog.jsonb_each(v_event.slots) l join xinghuo.volunteer_roles r on r.label = l.key;
    if v_series_id is null then
      v_first := (v_monday + v_event.day + v_event.starts) at time zone 'Asia/Shanghai';
    else
      -- The first occurrence: the rule's day next month; the rest as coord_create_series spreads them.
      v_first := (xinghuo.nth_weekday((v_this_month + interval '1 month')::date, (v_series.rule ->> 'nth')::integer,
        (v_series.rule ->> 'weekday')::integer) + v_event.starts) at time zone 'Asia/Shanghai';
      perform xinghuo.raise_problems('series_invalid', xinghuo.series_rule_problems(v_series.rule, v_first));
    end if;
    v_n := 0;
    for v_start in
      select s from xinghuo.series_starts(v_series.rule, v_first) s where v_series_id is not null
      union all select v_first where v_series_id is null
      order by 1
    loop
      v_n := v_n + 1;
      v_p := pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'slug', v_event.slug || case when v_n > 1 then '-' || v_n else '' end,
        'title', v_event.title, 'summary', v_event.summary, 'description', v_event.description,
        'kind', v_event.kind, 'channel', v_event.channel, 'venue_id', v_venue_id,
        'starts_at', pg_catalog.to_char(v_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'ends_at', pg_catalog.to_char((v_start + (v_event.ends - v_event.starts)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'audiences', pg_catalog.to_jsonb(v_event.audiences), 'topics', pg_catalog.to_jsonb(v_event.topics),
        'partners', pg_catalog.to_jsonb(v_event.partners), 'roles', v_roles,
        'branch_id', (select b.branch_id from seed_branches b where b.district = v_venue_district)));
      -- The workspace's own validator: a seed row it would refuse stops the seed.
      perform xinghuo.raise_problems('event_invalid', xinghuo.event_problems(v_p));
      v_id := xinghuo.write_event(null, v_p, v_series_id);
      perform xinghuo.add_event_history(v_id, case when v_series_id is null then 'created' else 'series_created' end,
        null, xinghuo.event_state(v_id));
      perform xinghuo.set_publication(v_id, 1, 'published');
      if v_event.cancel_reason is not null then
        -- As coord_cancel_event does it (that RPC wants a signed-in session).
        v_before := xinghuo.event_state(v_id);
        update xinghuo.events set status = 'cancelled', cancel_reason = v_event.cancel_reason where id = v_id;
        perform xinghuo.add_event_history(v_id, 'cancelled', v_before, xinghuo.event_state(v_id));
        perform xinghuo.bump_revision(v_id);
      end if;
    end loop;
  end loop;

  for v_report in select r.*, e.id as event_id from seed_reports r join xinghuo.events e on e.slug = r.slug loop
    insert into xinghuo.event_reports (event_id, people_reached, reach_by_audience, volunteers_present,
      volunteers_adjust_reason, questions_answered, notes, version, updated_at, updated_by)
    values (v_report.event_id, v_report.people_reached, v_report.reach_by_audience, v_report.volunteers_present,
      '示范数据：志愿者在纸质签到表上签到', v_report.questions_answered, v_report.notes, 1, pg_catalog.now(), v_author);
    insert into xinghuo.report_materials (event_id, kind, quantity)
    select v_report.event_id, m.key, (m.value #>> '{}')::integer from pg_catalog.jsonb_each(v_report.materials) m;
    insert into xinghuo.report_revisions (event_id, version, changed_by, before, after)
    values (v_report.event_id, 1, v_author, null, xinghuo.report_snapshot(v_report.event_id));
  end loop;

  perform pg_catalog.set_config('request.jwt.claims', '', false);
  delete from auth.sessions s where s.id = v_session;
end;
$$;

drop table seed_venues, seed_branches, seed_events, seed_series, seed_reports;

-- A demo campaign (专题) covering every demo event held so far, so the dashboard's 「活动专题」
-- preset and its export show the whole demo programme. Dated like the events: relative to creation.
insert into xinghuo.campaigns (label, starts_on, ends_on)
select '示范专题：反诈宣传季', min((e.starts_at at time zone 'Asia/Shanghai')::date),
  (pg_catalog.now() at time zone 'Asia/Shanghai')::date
from xinghuo.events e
where e.status = 'scheduled' and e.starts_at <= pg_catalog.now()
having count(*) > 0
on conflict (label) do nothing;
