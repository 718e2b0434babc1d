//! The verbs and flags of `baomi paper …`, as `--help` shows them.

use clap::{Args, Subcommand};

use crate::domain::paper::ReceiveForm;

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// 标题
    #[arg(long, value_name = "标题")]
    pub title: String,
    /// 来文单位（制发机关）
    #[arg(long = "from", value_name = "单位")]
    pub originator: String,
    /// 文号，如 江委办〔2026〕3号
    #[arg(long, value_name = "文号", default_value = "")]
    pub doc_no: String,
    /// 密级：绝密、机密、秘密、内部、非密
    #[arg(long, value_name = "密级")]
    pub level: String,
    /// 保密期限：10年、长期或到期日期；不写按密级默认
    #[arg(long, value_name = "期限", default_value = "")]
    pub period: String,
    /// 知悉范围（人名或部门，用顿号分隔）
    #[arg(long, value_name = "范围", default_value = "")]
    pub scope: String,
    /// 份数
    #[arg(long, value_name = "N", default_value = "1")]
    pub copies: String,
    /// 份号，如 3,4
    #[arg(long, value_name = "份号", default_value = "")]
    pub copy_nos: String,
    /// 制发机关规定的清退期限
    #[arg(long, value_name = "日期", default_value = "")]
    pub return_by: String,
    /// 收文日期（默认今天）
    #[arg(long, value_name = "日期", default_value = "")]
    pub date: String,
    /// 存放的保密柜，如 1号保密柜（不写则放入第一个可存放该密级的，R-PAP-10）
    #[arg(long, value_name = "保密柜", default_value = "")]
    pub location: String,
    /// 签收人、保管人（默认当前保密员）
    #[arg(long, value_name = "姓名", default_value = "")]
    pub holder: String,
    /// 承办部门（年度保密工作台账按部门分表）
    #[arg(long, value_name = "部门", default_value = "")]
    pub dept: String,
    /// 无保存价值（次年销毁，R-PAP-22）
    #[arg(long)]
    pub no_keep: bool,
    /// 密码电报（只能在本单位销毁，R-PAP-24）
    #[arg(long)]
    pub cipher: bool,
    /// 制发机关不允许复制（R-PAP-19）
    #[arg(long)]
    pub no_copy: bool,
    /// 核对不符：件数、份号、密级与信封或清单不符之处，如「信封标3份，实收2份」（R-PAP-4）
    #[arg(long, value_name = "说明", default_value = "")]
    pub mismatch: String,
}

#[derive(Debug, Subcommand)]
pub enum PaperCommand {
    /// 收文登记，输出收文编号（R-PAP-3、R-PAP-4）
    Receive(ReceiveArgs),
    /// 补登导入时缺的登记项（记为“待补”的来文单位等，R-PAP-3）
    Complete(crate::cli::complete::CompleteArgs),
    /// 制作登记：按已批准的制作申请（R-PAP-1、R-PAP-2）
    Make {
        /// 已批准的制作申请号
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        /// 实际制作份数（不得超过批准数）
        #[arg(long, value_name = "N", value_parser = crate::cli::bounds::copies)]
        copies: i64,
        /// 存放的保密柜（不写则放入第一个可存放该密级的，R-PAP-10）
        #[arg(long, value_name = "保密柜", default_value = "")]
        location: String,
        /// 中间材料及残次品的处理（已销毁、留存）
        #[arg(long, value_name = "处理", default_value = "")]
        waste: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 发文：在批准的发放范围内发出；多件同封时输出信封应标的最高密级（R-PAP-5）
    Send {
        /// 登记编号（可多个，同一信封）
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        /// 收文单位
        #[arg(long, value_name = "单位")]
        to: String,
        /// 传递方式：机要交通、机要通信、保密员专送、专人专车（R-PAP-6）
        #[arg(long, value_name = "方式")]
        channel: String,
        /// 发出份数（每件）
        #[arg(long, value_name = "N", value_parser = crate::cli::bounds::copies)]
        copies: Option<i64>,
        /// 护送人（绝密专人传递须二人）
        #[arg(long, value_name = "姓名", default_value = "")]
        escorts: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 传递记录（R-PAP-6）
    Transfer {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "方式")]
        channel: String,
        /// 送往单位
        #[arg(long, value_name = "单位", default_value = "")]
        to: String,
        #[arg(long, value_name = "姓名", default_value = "")]
        escorts: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 传阅：在知悉范围内交给一位阅读人（R-PAP-7；绝密须在保密室阅读并记时间，R-PAP-8）
    Circulate {
        #[arg(value_name = "编号")]
        no: String,
        /// 阅读人
        #[arg(long, value_name = "姓名")]
        reader: String,
        /// 阅读人所在部门
        #[arg(long, value_name = "部门", default_value = "")]
        dept: String,
        /// 阅读地点
        #[arg(long, value_name = "地点", default_value = "")]
        place: String,
        /// 签领时间 HH:MM
        #[arg(long, value_name = "时间", default_value = "")]
        time: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 收回：传阅交回、借阅归还或携带外出带回（按当前状态）
    Back {
        #[arg(value_name = "编号")]
        no: String,
        /// 放回的保密柜（不写则放回原处，R-PAP-10）
        #[arg(long, value_name = "保密柜", default_value = "")]
        location: String,
        /// 退回时间 HH:MM
        #[arg(long, value_name = "时间", default_value = "")]
        time: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 借阅：按已批准的借阅申请借出（R-PAP-9）
    Loan {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        /// 签领时间，如 14:30（绝密件须记录；当天登记的默认为当前时间，R-PAP-8）
        #[arg(long, value_name = "时间", default_value = "")]
        time: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 携带外出：按已批准的申请（R-PAP-11）
    TakeOut {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        /// 签领时间，如 14:30（绝密件须记录；当天登记的默认为当前时间，R-PAP-8）
        #[arg(long, value_name = "时间", default_value = "")]
        time: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 确定或变更知悉范围：按主管领导的批示（R-CLS-2）
    Scope {
        #[arg(value_name = "编号")]
        no: String,
        /// 知悉范围（人名或部门，用顿号分隔；“本单位”为全体人员）
        #[arg(long, value_name = "范围")]
        scope: String,
        /// 批示的主管领导
        #[arg(long, value_name = "姓名")]
        by: String,
        /// 批示或分发通知的编号
        #[arg(long, value_name = "依据", default_value = "")]
        reference: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 每月清点：在管密件除 --missing 所列外均已清点到（R-PAP-12）
    Count(StocktakeArgs),
    /// 每季度核查（R-PAP-13）
    Check(StocktakeArgs),
    /// 清退：退回原制发机关，登记签收人（R-PAP-16）；可多件
    Return {
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        /// 对方签收人
        #[arg(long, value_name = "姓名")]
        received_by: String,
        /// 退往单位（默认原制发机关）
        #[arg(long, value_name = "单位", default_value = "")]
        to: String,
        /// 退往他处时保密行政管理部门的意见
        #[arg(long, value_name = "说明", default_value = "")]
        bureau_note: String,
        #[arg(long, value_name = "方式", default_value = "")]
        channel: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 归档
    Archive {
        #[arg(value_name = "编号")]
        no: String,
        /// 档案位置（卷号）
        #[arg(long, value_name = "卷号", default_value = "")]
        place: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 延长使用：按已批准的延长使用申请，并已告知发文机关（R-PAP-14）
    Extend {
        #[arg(value_name = "编号")]
        no: String,
        /// 已批准的延长使用申请号
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        /// 告知发文机关的函件或记录（默认为申请中写明的）
        #[arg(long, value_name = "说明", default_value = "")]
        told: String,
        /// 延长至（须与批准的一致；默认为批准的日期）
        #[arg(long, value_name = "日期")]
        until: Option<String>,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 移交：写明接收单位和接收人（R-PAP-18）
    HandOver {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "单位")]
        to: String,
        #[arg(long, value_name = "姓名")]
        receiver: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 复印：按已批准的申请，复印件登记为新载体（R-PAP-19、R-PAP-20；不得改变密级期限范围，R-CLS-4）
    Copy {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        /// 复印份数（默认批准数）
        #[arg(long, value_name = "N", value_parser = crate::cli::bounds::copies)]
        copies: Option<i64>,
        /// 领取人
        #[arg(long, value_name = "姓名", default_value = "")]
        receiver: String,
        /// 归还日期
        #[arg(long, value_name = "日期")]
        return_by: Option<String>,
        /// 复印件密级（只能与原件相同）
        #[arg(long, value_name = "密级")]
        level: Option<String>,
        /// 复印件保密期限（只能与原件相同）
        #[arg(long, value_name = "期限")]
        period: Option<String>,
        /// 复印件知悉范围（只能与原件相同）
        #[arg(long, value_name = "范围")]
        scope: Option<String>,
        #[arg(long, value_name = "位置", default_value = "")]
        location: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 汇编：按已批准的申请，取最高密级和最长期限（R-PAP-21、R-CLS-5）
    Compile {
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        #[arg(long, value_name = "密级")]
        level: Option<String>,
        #[arg(long, value_name = "期限")]
        period: Option<String>,
        #[arg(long, value_name = "位置", default_value = "")]
        location: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 销毁：按已批准的销毁清单，两人以上（含保密员），记录方式（R-PAP-23、R-PAP-24）
    Destroy {
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: i64,
        /// 销毁人（两人以上，含保密员）
        #[arg(long, value_name = "姓名")]
        by: String,
        /// 保密粉碎机 或 指定造纸厂
        #[arg(long, value_name = "方式")]
        method: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 报告遗失（此后只能办理找回，R-INC-4；同时登记泄密事件，24小时内上报，R-INC-2）
    Lost {
        #[arg(value_name = "编号")]
        no: String,
        /// 经过
        #[arg(long, value_name = "说明")]
        note: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
        /// 遗失的时间（HH:MM；24小时从此时起算，不知道时从当天0时起算）
        #[arg(long, value_name = "时间")]
        time: Option<String>,
    },
    /// 找回
    Found {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 解密审查结论：本单位制作的按已批准的申请，收到的按原制发机关的通知（R-CLS-7）
    Review {
        #[arg(value_name = "编号")]
        no: String,
        /// 审查结论：解密、变更期限、变更密级（本单位制作的默认为批准的结论）
        #[arg(long, value_name = "结论", default_value = "")]
        result: String,
        /// 变更期限时：新的保密期限到期日
        #[arg(long, value_name = "日期")]
        until: Option<String>,
        /// 变更密级时：新的密级
        #[arg(long, value_name = "密级", default_value = "")]
        level: String,
        /// 本单位制作的密件：已批准的解密审查申请号
        #[arg(long, value_name = "申请号", value_parser = crate::cli::bounds::id)]
        request: Option<i64>,
        /// 收到的密件：原制发机关的解密或变更通知文号
        #[arg(long, value_name = "文号", default_value = "")]
        notice: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 未清点到的密件（清点差异）
    Discrepancies,
    /// 收文核对不符：登记、列出、登记核对结果（R-PAP-4）
    #[command(subcommand)]
    Mismatch(crate::cli::mismatch::MismatchCommand),
    /// 处理清点差异：已找到，或报告遗失
    Resolve {
        /// 差异号
        #[arg(value_name = "差异号", value_parser = crate::cli::bounds::id)]
        id: i64,
        /// 已找到
        #[arg(long, conflicts_with = "lost")]
        found: bool,
        /// 报告遗失
        #[arg(long)]
        lost: bool,
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 一件密件的标志、状态、位置、持有人和全部经历
    Show {
        #[arg(value_name = "编号")]
        no: String,
        /// table 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
    /// 台帐列表
    List {
        /// 状态：在册、传阅中、借出、携带外出、已清退、已归档、已移交、已销毁、遗失
        #[arg(long, value_name = "状态")]
        state: Option<String>,
        #[arg(long, value_name = "密级")]
        level: Option<String>,
        #[arg(long, value_name = "年", value_parser = crate::cli::bounds::year)]
        year: Option<i32>,
        #[arg(long, value_name = "姓名")]
        holder: Option<String>,
        /// 最多列出几件（0 为不限）
        #[arg(long, default_value_t = 0, value_name = "N",
              value_parser = crate::cli::bounds::count_in::<0, { crate::cli::bounds::LIST_LIMIT_MAX }>)]
        limit: usize,
        /// table、csv 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
}

#[derive(Debug, Args)]
pub struct StocktakeArgs {
    /// 未找到的密件编号（用逗号分隔）
    #[arg(long, value_name = "编号", default_value = "")]
    pub missing: String,
    #[arg(long, value_name = "说明", default_value = "")]
    pub note: String,
    #[arg(long, value_name = "日期")]
    pub date: Option<String>,
}

impl ReceiveArgs {
    pub(super) fn form(&self) -> ReceiveForm {
        ReceiveForm {
            no: String::new(),
            date: self.date.clone(),
            originator: self.originator.clone(),
            doc_no: self.doc_no.clone(),
            title: self.title.clone(),
            level: self.level.clone(),
            period: self.period.clone(),
            scope: self.scope.clone(),
            copies: self.copies.clone(),
            copy_nos: self.copy_nos.clone(),
            return_by: self.return_by.clone(),
            location: self.location.clone(),
            holder: self.holder.clone(),
            dept: self.dept.clone(),
            no_keep: self.no_keep,
            cipher: self.cipher,
            no_copy: self.no_copy,
        }
    }
}
