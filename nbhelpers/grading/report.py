"""What the grader writes: grades.csv, one feedback file per student, Gradescope's results.json."""
import csv
import json
from pathlib import Path

STATUSES = ("ok", "wrong", "error", "timeout", "memory", "missing")


def _num(x):
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def write_csv(rows, out):
    """One row per submission: total, then points, maximum and status of every question, seed, isolation, flags."""
    ids = list(rows[0]["questions"]) if rows else []
    head = ["submission", "status", "total", "max_total"]
    for q in ids:
        head += [q, f"{q}_max", f"{q}_status"]
    head += ["seed", "isolation", "flags", "notes"]
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(head)
        for row in rows:
            line = [row["submission"], row["status"], _num(row["total"]), _num(row["max_total"])]
            for q in ids:
                res = row["questions"][q]
                line += [_num(res["points"]), _num(res["max"]), res["status"]]
            line += [row["seed"], row["isolation"], ";".join(row["flags"]), "; ".join(row["notes"])]
            writer.writerow(line)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def feedback_markdown(row):
    """The student's feedback: every question's points, the check's message and a hint."""
    lines = [f"# Feedback for {Path(row['submission']).name}", "",
             f"**Total: {_num(row['total'])}/{_num(row['max_total'])} points**", ""]
    if row["notes"]:
        lines += ["While running your notebook:", ""] + [f"- {n}" for n in row["notes"]] + [""]
    for q, res in row["questions"].items():
        lines += [f"## {q}: {_num(res['points'])}/{_num(res['max'])} ({res['status']})", "", "```",
                  res.get("message", "").replace("```", "'''"), "```", ""]
        if res.get("hint"):
            lines += [f"Hint: {res['hint']}", ""]
    return "\n".join(lines)


def write_feedback(rows, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for row in rows:
        (folder / f"{Path(row['submission']).stem}.md").write_text(feedback_markdown(row), encoding="utf-8")


def gradescope_results(row, visibility="visible"):
    """Gradescope's autograder results.json for one submission (one test per question)."""
    tests = [{"name": q, "score": res["points"], "max_score": res["max"], "status": "passed" if res["status"] == "ok"
              else "failed", "output": res.get("message", "") + (f"\nHint: {res['hint']}" if res.get("hint") else ""),
              "visibility": visibility} for q, res in row["questions"].items()]
    return {"score": row["total"], "output": "; ".join(row["notes"]), "visibility": visibility, "tests": tests}


def write_gradescope(row, path, visibility="visible"):
    Path(path).write_text(json.dumps(gradescope_results(row, visibility), indent=2), encoding="utf-8")
