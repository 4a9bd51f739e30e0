# make_prompts.py -- reference prompts of Trace's OptoPrime optimizer for two small graphs.
#
# Run against: github.com/AgentOpt/OpenTrace, commit 49d72cb2ed87e16c8302c43a01ef3b85161ab093
#   (HEAD of the default branch, "Merge pull request #71 from AgentOpt/litellm-patch-1",
#    2026-03-26; package trace-opt, opto/version.py __version__ = "0.1.3.9"), Python 3.11.7.
#
# How to run (the opto source tree unpacked at /tmp/opentrace, the stubs in ./stubs):
#   git --git-dir=<mirror>/repo archive HEAD | tar -x -C /tmp/opentrace
#   PYTHONPATH=/tmp/opentrace:benchmarks/PythonReference/stubs python3 benchmarks/PythonReference/make_prompts.py [outdir] [--system-prompt-last]
# outdir defaults to the directory of this script. Writes chain10.system.txt, chain10.user.txt,
# fanin3.system.txt, fanin3.user.txt.
#
# Parameter order matters in this commit (library behaviour, not changed here): chain10 passes
# the trainables to OptoPrime as [SystemPrompt, MaxWords, Style] (the order the C# optimizer lists them in). The
# TraceGraph that OptoPrime.summarize sums is then not level-sorted (TraceGraph.__add__ uses
# heapq.merge on lists that are not sorted), draft0 is visited before its parent SystemPrompt0,
# so node_to_function_feedback classifies draft0 as a root: it is listed under #Inputs and the
# line `draft0 = draft(...)` is missing from #Code. With --system-prompt-last the order is
# [MaxWords, Style, SystemPrompt] and the chain10 prompt contains the complete graph: that run's
# chain10.user.txt is kept here as chain10.complete.user.txt, and the comparison uses it
# (write those files to another outdir to keep the default ones).
#
# Stubs (stubs/): graphviz.py (Digraph, imported by opto/trace/utils.py, only used for drawing)
# and numpy.py (ndarray, used by opto/trace/iterators.py in an issubclass check). litellm,
# autogen and openai are not imported on this path (opto.utils.llm guards autogen with try/except,
# and the LLM is never constructed because a dummy llm is passed).
#
# The prompts are produced exactly as OptoPrime._step builds them, minus the LLM call:
#   summary = optimizer.summarize()
#   system_prompt, user_prompt = optimizer.construct_prompt(summary, mask=None)
#   system_prompt = optimizer.replace_symbols(system_prompt, optimizer.prompt_symbols)
#   user_prompt   = optimizer.replace_symbols(user_prompt, optimizer.prompt_symbols)
# with OptoPrime's default settings: objective = default_objective, include_example=False,
# memory_size=0, prompt_symbols = default_prompt_symbols, default GraphPropagator.
#
# Mapping choice: the C# prompt lists each trainable's description under #Constraints.
# OptoPrime's #Constraints shows a node's `constraint` (its `description` is never shown for
# a parameter), so the text is passed as both description= and constraint= to carry the
# same information into the prompt.

import os
import sys

from opto.trace import bundle, node
from opto.trace.nodes import GRAPH
from opto.optimizers import OptoPrime


class DummyLLM:
    """Stands in for opto.utils.llm.LLM; never called here."""

    def __call__(self, *args, **kwargs):
        raise RuntimeError("the LLM must not be called")


def head(t):
    return t if len(t) <= 48 else t[:48]


# ---- chain10 -------------------------------------------------------------------------------
# Bundled functions must be module-level: bundle uses fun.__qualname__ as the function name.

@bundle()
def draft(message, system_prompt):
    """Drafts a reply to a customer message with the system prompt."""
    return f"{system_prompt[:24]} about '{head(message)}': we are checking your account now."


@bundle()
def refine(draft, style, max_words):
    """Refines a draft in the configured style, keeping at most MaxWords words."""
    return " ".join(f"[{style[:10]}] {draft}".split(" ")[:max_words])


@bundle()
def merge(thread, message):
    """Merges the thread so far with a new customer message."""
    return f"{head(thread)} / {head(message)}"


# ---- fanin3 --------------------------------------------------------------------------------

@bundle()
def compose(topic, greeting, body, closing):
    """Writes a letter about a topic from the greeting, body and closing."""
    return f"{greeting}\nAbout {topic}: {body}\n{closing}"


def param(value, name, text):
    return node(value, name=name, trainable=True, description=text, constraint=text)


def prompts(parameters, output, feedback):
    optimizer = OptoPrime(parameters, llm=DummyLLM())  # all other settings default
    optimizer.zero_feedback()
    optimizer.backward(output, feedback)
    summary = optimizer.summarize()
    system_prompt, user_prompt = optimizer.construct_prompt(summary)
    system_prompt = optimizer.replace_symbols(system_prompt, optimizer.prompt_symbols)
    user_prompt = optimizer.replace_symbols(user_prompt, optimizer.prompt_symbols)
    return system_prompt, user_prompt


def chain10(system_prompt_last=False):
    GRAPH.clear()  # fresh name counters: message0, draft0, ...
    system_prompt = param("You are a support agent for a bank. Answer politely and precisely.",
                          "SystemPrompt",
                          "The system prompt every draft starts from. Constraint: One or two sentences.")
    max_words = param(40, "MaxWords", "Words kept in a reply.")
    style = param("Plain words, no jargon, one idea per sentence.", "Style", "How a draft is refined.")
    message0 = node("Customer message 0: my card was declined twice at the airport and I need cash.",
                    name="message")
    message1 = node("Customer message 3: my card was declined twice at the airport and I need cash.",
                    name="message")

    d0 = draft(message0, system_prompt)
    r0 = refine(d0, style, max_words)
    d1 = draft(r0, system_prompt)
    r1 = refine(d1, style, max_words)
    d2 = draft(r1, system_prompt)
    r2 = refine(d2, style, max_words)
    m0 = merge(r2, message1)
    r3 = refine(m0, style, max_words)

    # The intermediate values of the C# run (#Others / #Outputs of /tmp/prompts/chain10.user.txt).
    expected = {
        "draft0": "You are a support agent  about 'Customer message 0: my card was declined twice a': we are checking your account now.",
        "refine0": "[Plain word] You are a support agent  about 'Customer message 0: my card was declined twice a': we are checking your account now.",
        "draft1": "You are a support agent  about '[Plain word] You are a support agent  about 'Cus': we are checking your account now.",
        "refine1": "[Plain word] You are a support agent  about '[Plain word] You are a support agent  about 'Cus': we are checking your account now.",
        "draft2": "You are a support agent  about '[Plain word] You are a support agent  about '[Pl': we are checking your account now.",
        "refine2": "[Plain word] You are a support agent  about '[Plain word] You are a support agent  about '[Pl': we are checking your account now.",
        "merge0": "[Plain word] You are a support agent  about '[Pl / Customer message 3: my card was declined twice a",
        "refine3": "[Plain word] [Plain word] You are a support agent  about '[Pl / Customer message 3: my card was declined twice a",
    }
    for n in (d0, r0, d1, r1, d2, r2, m0, r3, message0, message1):
        if n.py_name in expected:
            assert n.data == expected[n.py_name], (n.py_name, n.data)
    assert (message0.py_name, message1.py_name) == ("message0", "message1")

    parameters = [max_words, style, system_prompt] if system_prompt_last else [system_prompt, max_words, style]
    return prompts(parameters, r3,
                   "The customer says the reply repeats itself and never answers the question about cash.")


def fanin3():
    GRAPH.clear()
    greeting = param("Dear customer,", "Greeting", "How the letter opens.")
    body = param("We have received your request and will process it in due course.", "Body",
                 "The letter's main paragraph. Constraint: At most three sentences.")
    closing = param("Regards, the bank", "Closing", "How the letter closes.")
    topic = node("a blocked card", name="topic")
    out = compose(topic, greeting, body, closing)
    assert out.data == ("Dear customer,\nAbout a blocked card: We have received your request and "
                        "will process it in due course.\nRegards, the bank"), out.data
    return prompts([greeting, body, closing], out,
                   "Too stiff, and it never says when the card will work again.")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    system_prompt_last = "--system-prompt-last" in sys.argv[1:]
    outdir = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    builds = (("chain10", lambda: chain10(system_prompt_last)), ("fanin3", fanin3))
    for name, build in builds:
        system_prompt, user_prompt = build()
        for part, text in (("system", system_prompt), ("user", user_prompt)):
            path = os.path.join(outdir, f"{name}.{part}.txt")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            print(f"{path}: {len(text)} chars")


if __name__ == "__main__":
    main()
