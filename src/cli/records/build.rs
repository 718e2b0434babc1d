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

fn field_arg(f: &FieldSpec) -> Arg {
    let mut help = f.label.to_string();
    if let Kind::Choice(choices) = f.kind {
        help.push_str(&format!("：{}", choices.join("、")));
    }
    if f.kind == Kind::Date {
        help.push_str("（YYYY-MM-DD）");
    }
    let arg = Arg::new(f.key).long(f.flag()).help(help);
    if f.kind == Kind::Flag {
        arg.action(ArgAction::SetTrue)
    } else {
        arg.value_name(f.label).required(f.required)
    }
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
    if !carries_out {
        c = c.args(a.fields.iter().map(field_arg));
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
        .arg(
            Arg::new("no")
                .long("no")
                .value_name("编号")
                .help("自定保密编号；不填则按单位编号格式发号"),
        )
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
        command("show", format!("查看一件{}及其全部办理记录", spec.noun))
            .arg(no_arg(spec))
            .arg(format_arg(&["table", "json"])),
        command(
            "held-by",
            format!("核对某人名下尚未交回的{}（离岗离职前，R-MED-6）", spec.noun),
        )
        .arg(Arg::new("no").value_name("姓名").required(true)),
    ];
    // People hold carriers; nobody holds a person.
    if spec.key == crate::domain::rules::person::SPEC.key {
        out.retain(|c| c.get_name() != "held-by");
    }
    out.extend(spec.acts.iter().map(|a| act_command(spec, a, false)));
    out
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
