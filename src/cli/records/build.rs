//! The clap commands of a ledger, built from its description: what `--help` shows and what the
//! parser accepts come from the same fields the store checks.

use clap::{Arg, ArgAction, Command};

use crate::domain::ledgers::{ActSpec, FieldSpec, Kind, LedgerSpec};

const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn command(name: &'static str, about: String) -> Command {
    Command::new(name)
        .about(about)
        .help_template(HELP_TEMPLATE)
        .next_help_heading("选项")
}

/// The flag of field `f` of `verb`: its key, except where the contract names it otherwise. R-PER-6:
/// `baomi person certify NAME --no N` gives the certificate's number as `--no`; the person is the
/// positional, so the flag keeps the field's own id and nothing clashes.
pub fn flag_of(spec: &LedgerSpec, verb: &str, f: &FieldSpec) -> String {
    if spec.key == crate::domain::rules::person::SPEC.key && verb == "certify" && f.key == "cert_no"
    {
        return "no".to_string();
    }
    f.flag()
}

fn field_arg(f: &FieldSpec) -> Arg {
    field_arg_as(f, f.flag())
}

fn field_arg_as(f: &FieldSpec, flag: String) -> Arg {
    let mut help = f.label.to_string();
    if let Kind::Choice(choices) = f.kind {
        help.push_str(&format!("：{}", choices.join("、")));
    }
    if f.kind == Kind::Date {
        help.push_str("（YYYY-MM-DD）");
    }
    let arg = Arg::new(f.key).long(flag).help(help);
    if f.kind == Kind::Flag {
        arg.action(ArgAction::SetTrue)
    } else if is_list(f) {
        // A list (参会人员) takes its names one by one or joined by 、 as officers write them.
        arg.value_name(f.label).required(f.required).num_args(1..)
    } else {
        arg.value_name(f.label).required(f.required)
    }
}

/// A field that holds a list of names or numbers.
pub fn is_list(f: &FieldSpec) -> bool {
    f.kind == Kind::Text && f.max >= crate::domain::text::LIST_MAX
}

/// R-MTG-1: the papers a meeting issues or collects are named after the meeting's number, as the
/// contract writes them (`baomi meeting issue ID PAPER-NO…`).
fn positional(spec: &LedgerSpec, a: &ActSpec, f: &FieldSpec) -> Option<Arg> {
    (spec.key == crate::domain::rules::meeting::SPEC.key && f.key == "papers").then(|| {
        Arg::new(f.key)
            .value_name("密件编号")
            .help(format!("{}（可写多个）", f.label))
            .num_args(1..)
            .required(a.verb == "issue")
    })
}

fn date_arg(help: &'static str) -> Arg {
    Arg::new("date").long("date").value_name("日期").help(help)
}

fn no_arg(spec: &LedgerSpec) -> Arg {
    let arg = Arg::new("no").value_name("编号").required(true);
    // People are named as often as numbered (a name is taken when unique).
    match spec.naming_field() {
        Some(f) => arg.help(format!(
            "{}，或{}（同名时须用编号）",
            spec.number_label, f.label
        )),
        None => arg.help(spec.number_label),
    }
}

fn format_arg(values: &'static [&'static str]) -> Arg {
    Arg::new("format")
        .long("format")
        .value_name("格式")
        .default_value("table")
        .value_parser(clap::builder::PossibleValuesParser::new(values))
}

fn act_command(spec: &'static LedgerSpec, a: &'static ActSpec, request: bool) -> Command {
    // Carrying out an approved act takes its values from the request, not from flags.
    let carries_out = a.approval && !request;
    let about = if carries_out {
        format!(
            "{}（{}；须先 baomi request {} {} 并经批准）",
            a.label, a.rule, spec.key, a.verb
        )
    } else {
        format!("{}（{}）", a.label, a.rule)
    };
    let mut c = command(a.verb, about).arg(no_arg(spec));
    // R-MED-6, R-CMP-9, R-DEV-4: without a number, the check by scanning of the whole ledger.
    if a.verb == "check" && !request {
        c = c
            .mut_arg("no", |n| {
                n.required(false).help(format!(
                    "{}；不写时清查整个台帐：编号从 --file 或标准输入逐行读取",
                    spec.number_label
                ))
            })
            .arg(
                Arg::new("file")
                    .long("file")
                    .value_name("文件")
                    .help("扫描或输入的编号，一行一个（不写时读标准输入）"),
            )
            .arg(format_arg(&["table", "json"]));
    }
    if !carries_out {
        c = c.args(a.fields.iter().map(|f| {
            positional(spec, a, f).unwrap_or_else(|| field_arg_as(f, flag_of(spec, a.verb, f)))
        }));
    }
    if !request {
        c = c.arg(date_arg("办理日期，默认今天"));
    }
    if carries_out {
        c = c.arg(
            Arg::new("request")
                .long("request")
                .value_name("申请号")
                .required(true)
                .value_parser(clap::value_parser!(i64).range(1..))
                .help("已批准的申请号：按批准的内容办理"),
        );
    }
    c
}

/// The subcommands of `baomi <noun>`.
pub fn verbs(spec: &'static LedgerSpec) -> Vec<Command> {
    let mut out = vec![
        command(
            spec.add_verb,
            format!("登记{}，输出{}", spec.noun, spec.number_label),
        )
        .args(spec.fields.iter().map(field_arg))
        .arg(Arg::new("no").long("no").value_name("编号").help(format!(
            "自定{}；不填则按单位编号格式发号",
            spec.number_label
        )))
        .arg(date_arg("登记日期，默认今天")),
        command("list", format!("列出{}", spec.title))
            .arg(format_arg(&["table", "json", "csv"]))
            .arg(
                Arg::new("state")
                    .long("state")
                    .value_name("状态")
                    .help("只列出该状态的"),
            )
            .args(
                choice_fields(spec)
                    .map(field_arg)
                    .map(|a| a.required(false)),
            ),
        show(spec),
        command(
            "held-by",
            format!("核对某人名下尚未交回的{}（离岗离职前，R-MED-6）", spec.noun),
        )
        .arg(Arg::new("no").value_name("姓名").required(true)),
    ];
    // People hold carriers; nobody holds a person, an incident or an inspection.
    if ["person", "incident", "inspection", "training", "site"].contains(&spec.key) {
        out.retain(|c| c.get_name() != "held-by");
    }
    // R-INS-1: an inspection prints as the seed's 保密检查记录表; R-INC-2: an incident as its
    // 报告表, once closed its 结案报告表.
    let form = match spec.key {
        "inspection" => Some("打印保密检查记录表（各栏由台帐数据填写，R-INS-1）"),
        "incident" => Some("打印泄露国家秘密事件报告表，结案后为查处结案报告表（R-INC-2）"),
        _ => None,
    };
    if let Some(about) = form {
        out.push(
            command("print", about.into())
                .arg(no_arg(spec))
                .arg(format_arg(&["table", "html", "pdf"]))
                .args(send_to_args()),
        );
    }
    out.extend(spec.acts.iter().map(|a| act_command(spec, a, false)));
    out
}

/// `show`: a record and its history; a ledger with a printed form (R-DIS-5) prints it too.
fn show(spec: &'static LedgerSpec) -> Command {
    let c = command("show", format!("查看一件{}及其全部办理记录", spec.noun)).arg(no_arg(spec));
    if !crate::report::step_form::has_form(spec.key) {
        return c.arg(format_arg(&["table", "json"]));
    }
    c.arg(format_arg(&["table", "json", "csv", "pdf", "html"]))
        .args(send_to_args())
}

/// `--out`, `--print`, `--force`: the flags every printing command shares (`register::SendTo`).
pub(crate) fn send_to_args() -> Vec<Arg> {
    use clap::Args;
    crate::cli::register::SendTo::augment_args(Command::new("send-to"))
        .get_arguments()
        .cloned()
        .collect()
}

/// Where a printing command (`print`, a form's `show`) sends its document; `None` for the
/// commands without the flags.
pub fn send_to(sub: &clap::ArgMatches) -> Option<crate::cli::register::SendTo> {
    use clap::FromArgMatches;
    sub.try_get_one::<bool>("print").ok().flatten()?;
    crate::cli::register::SendTo::from_arg_matches(sub).ok()
}

/// The subcommands of `baomi request <noun>`: the acts that wait for approval.
pub fn requests(spec: &'static LedgerSpec) -> Vec<Command> {
    spec.acts
        .iter()
        .filter(|a| a.approval)
        .map(|a| act_command(spec, a, true))
        .collect()
}

fn choice_fields(spec: &'static LedgerSpec) -> impl Iterator<Item = &'static FieldSpec> {
    spec.fields
        .iter()
        .filter(|f| matches!(f.kind, Kind::Choice(_) | Kind::Level))
}

/// The fields a verb reads.
pub fn fields_of(spec: &'static LedgerSpec, verb: &str) -> Vec<&'static FieldSpec> {
    match verb {
        v if v == spec.add_verb => spec.fields.iter().collect(),
        "list" => choice_fields(spec).collect(),
        v => spec
            .act(v)
            .map(|a| a.fields.iter().collect())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every ledger's commands build (clap checks its own invariants in debug builds) and no flag
    // of a field takes a name the command line already uses.
    #[test]
    fn every_ledger_builds_its_commands() {
        for spec in crate::domain::ledgers::spec::all() {
            let cmd = Command::new(spec.key).subcommands(verbs(spec));
            cmd.clone().debug_assert();
            let req = Command::new("request").subcommands(requests(spec));
            req.debug_assert();
            for f in spec
                .fields
                .iter()
                .chain(spec.acts.iter().flat_map(|a| a.fields))
            {
                assert!(
                    ![
                        "db", "today", "user", "help", "no", "date", "request", "format", "state"
                    ]
                    .contains(&f.flag().as_str()),
                    "{}: --{}",
                    spec.key,
                    f.flag()
                );
            }
        }
    }
}
