"""Predict first, then run: the reader commits to a guess before the cell that shows the answer.

A prediction cell calls ``predict("id", answer)``; the next cell runs the experiment and ends with
``reveal("id", actual)``, which says whether the guess was right and why. An unanswered prediction
(``...``) never blocks the notebook: the experiment runs and explains itself all the same.

Used in: 01_logistic_neuron to 11_training_in_practice.
"""
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One predict-first question: the prompt, the allowed answers (or a tolerance for a number), why."""

    prompt: str
    why: str
    choices: tuple = ()
    tol: float = 0.0


QUESTIONS = {
    "01_boundary_shift": Question(
        "Raise the bias theta_0 of a neuron with theta = (theta_0, 1, 1) from 0 to 2. Which way does its "
        "boundary theta_0 + x1 + x2 = 0 move?", choices=("towards the origin", "away from the origin", "it rotates"),
        why="the line x1 + x2 = -theta_0 keeps its direction; a larger |theta_0| puts it farther from the origin"),
    "01_probability_on_boundary": Question(
        "What probability does the logistic neuron give a point exactly on its decision boundary? (a number)",
        tol=1e-9, why="on the boundary z = 0, and sigma(0) = 1/2"),
    "02_and_threshold": Question(
        "With w1 = w2 = 1, which thresholds T make the perceptron compute AND? Pick the interval.",
        choices=("0 < T <= 1", "1 < T <= 2", "2 < T <= 3"),
        why="AND fires only for (1, 1), sum 2: so T must be above 1 (the sum of one input) and at most 2"),
    "02_epochs_and": Question(
        "The perceptron rule learns AND from zero weights with learning rate 1. Does it stop (a pass with no "
        "update) within 10 passes?", choices=("yes", "no"),
        why="AND is linearly separable, so the perceptron convergence theorem guarantees a finite number of "
            "updates; here it needs only a few passes"),
    "03_xor_perceptron": Question(
        "Train the perceptron on XOR for many passes. What happens?",
        choices=("it converges", "its weights cycle and it never converges", "its weights grow without bound"),
        why="no line separates XOR, so every pass makes a mistake; with integer updates the weights come back to "
            "a vector seen before and repeat that cycle forever"),
    "03_best_line_xor": Question(
        "The best single straight line on the four XOR points: how many of the 4 can it classify right? "
        "(a number)", tol=0,
        why="any 3 of the 4 corners can be cut off from the fourth, but never both diagonals apart: 3, not 4 "
            "(and not 2)"),
    "04_gradient_at_3": Question(
        "At z = 3, which derivative is larger: sigmoid'(z) or tanh'(z)?", choices=("sigmoid", "tanh", "equal"),
        why="tanh'(3) = 1 - tanh(3)^2 ~ 0.0099 while sigmoid'(3) = sigma(3)(1 - sigma(3)) ~ 0.045: tanh "
            "saturates faster, because tanh(z) = 2 sigma(2z) - 1 runs at twice the speed"),
    "04_max_sigmoid_slope": Question(
        "What is the largest value of sigma'(z) over all z? (a number)", tol=1e-3,
        why="sigma'(z) = s(1 - s) with s = sigma(z) in (0, 1); s(1 - s) is largest at s = 1/2 (z = 0): 1/4"),
    "05_parameter_count": Question(
        "How many parameters (weights and biases) has a network 2-5-2-1 (two inputs, hidden layers of 5 and "
        "2 units, one output)? (a number)", tol=0,
        why="each layer has n_in x n_out weights and n_out biases: (2*5 + 5) + (5*2 + 2) + (2*1 + 1) = 30"),
    "05_one_hidden_unit": Question(
        "A network with ONE hidden unit and a sigmoid output: can its decision boundary on the plane be a "
        "curve?", choices=("yes", "no, always a straight line"),
        why="the output is a monotone function of the single hidden unit's z = w.x + b, so the 0.5 contour is "
            "one level set of a linear function: a straight line"),
    "06_batch_race": Question(
        "Same XOR network, 100 epochs each: full batch, mini-batches of 16, or one sample per update. Which "
        "reaches the lowest loss?", choices=("full batch", "mini-batch of 16", "one sample per update"),
        why="in 100 epochs the full batch makes 100 updates, one sample per update makes 20,000: more, if noisier, "
            "steps get off the plateau sooner"),
    "06_gradient_sign": Question(
        "In the worked example the output v = 0.58 is below its target y = 1. Is dE/dv positive or negative?",
        choices=("positive", "negative"),
        why="E = (1/2)(v - y)^2 so dE/dv = v - y = 0.58 - 1 < 0: increasing v lowers the error, so gradient "
            "descent raises v"),
    "07_shared_node": Question(
        "In f = (x*y + x) * w the input x feeds two nodes, u = x*y and v = u + x. What is df/dx?",
        choices=("w*y", "w", "w*y + w"),
        why="a nudge of x reaches f along both paths and the two changes add up (the chain rule sums over the "
            "paths); backward() adds one share per use with grad +="),
    "07_graph_nodes": Question(
        "The lecture's 2-3-2-2 network and its loss for one sample, built from scalar Values (one node per "
        "number and per operation): how many nodes has its graph?",
        choices=("fewer than 30", "30 to 100", "more than 100"),
        why="28 leaves (2 inputs, 23 weights and biases, 2 targets and the 1/2) and 43 operations: a product and "
            "a sum per weight, a sigmoid per hidden unit, and 6 for the loss"),
    "08_every_start": Question(
        "Train the same 3-unit SIN network from four random starts. How many of the four find the curve "
        "(R^2 near the ceiling)? (a number)", tol=0,
        why="per-sample SGD from a random start can end on a plateau; with the learning rate annealed away, two "
            "of these four starts never leave it"),
    "08_r2_of_mean": Question(
        "What R^2 does a model get that always predicts the mean of y? (a number)", tol=1e-9,
        why="its squared error is exactly the total sum of squares, so R^2 = 1 - 1 = 0"),
    "09_naive_softmax": Question(
        "Computed naively as exp(z) / sum(exp(z)), what is softmax([1000, 1001])?",
        choices=("[0.27, 0.73]", "[nan, nan]", "[0, 1]"),
        why="exp(1000) overflows to inf and inf/inf is nan; subtracting the maximum first gives exp(-1), exp(0) "
            "and the right answer [0.27, 0.73]"),
    "09_uniform_loss": Question(
        "A 4-class network that outputs p = 1/4 for every class: what is its cross-entropy loss? (a number)",
        tol=1e-3, why="-log(1/4) = log 4 ~ 1.386, whatever the true class"),
    "10_deep_sigmoid": Question(
        "The 8-layer sigmoid network of this notebook, Xavier-initialised, trained for 300 epochs: does it "
        "learn the moons?", choices=("yes", "partly", "no, it stays at log 2"),
        why="layer 1's gradient is 1e-5 of layer 9's: the first layers hardly move, and the output settles at "
            "0.5 for every point"),
    "10_relu_large_init": Question(
        "ReLU network with N(0, 1) weights, 8 units per layer: at the start, is the gradient of layer 1 smaller "
        "or larger than that of layer 9?", choices=("smaller", "larger"),
        why="each layer multiplies the signal by about sqrt(8/2) = 2, forwards and backwards: the gradient grows "
            "towards the input (explodes) instead of vanishing"),
    "11_lowest_loss": Question(
        "SGD, Adam or L-BFGS on the noisy moons: which reaches the lowest training loss?",
        choices=("sgd", "adam", "lbfgs"),
        why="L-BFGS uses the whole training set and an estimate of the curvature: far better steps on a small "
            "data set"),
    "11_valley_fastest": Question(
        "On the narrow valley E = (w1^2 + 50 w2^2) / 2, from w = (-4.5, 1): which method gets within 1e-3 of the "
        "minimum in the fewest steps?", choices=("gradient descent", "momentum", "Adam"),
        why="gradient descent must keep its rate below 2/50 and then crawls along the floor; momentum adds up the "
            "small steps along the floor while the zig-zags across cancel; Adam's steps shrink near the minimum, "
            "where it still remembers the large early gradients"),
    "11_best_alpha": Question(
        "32 tanh units on the noisy moons: which L2 strength gives the best test accuracy?",
        choices=("1e-5", "0.1", "10"),
        why="a tiny penalty lets the network bend around the noise (over-fitting); a huge one holds the weights "
            "so small the boundary is almost a line (under-fitting); in between it follows the moons"),
}

_recorded = {}


def _question(question_id):
    if question_id not in QUESTIONS:
        raise KeyError(f"question_id must be one of the course's predictions, such as {next(iter(QUESTIONS))!r}. "
                       f"Got {question_id!r} instead.")
    return QUESTIONS[question_id]


def _normalise(question, answer):
    """The answer as the question stores it, or (None, message) when it cannot be one."""
    if question.choices:
        text = str(answer).strip().lower()
        for choice in question.choices:
            if text == choice.lower():
                return choice, ""
        return None, "choose one of " + ", ".join(repr(c) for c in question.choices)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None, "give a number"
    if not math.isfinite(value):
        return None, "give a finite number"
    return value, ""


def predict(question_id, answer=...):
    """Record a prediction before the experiment that answers it.

    Parameters
    ----------
    question_id : str
        A key of :data:`QUESTIONS`.
    answer : str or float
        One of the question's choices, or a number; ``...`` (the stub) records nothing.

    Returns
    -------
    None
        Prints the question and what was recorded.

    Examples
    --------
    >>> predict("05_parameter_count", 30)  # doctest: +ELLIPSIS
    Q: How many parameters ...
    Recorded: 30. Run the next cell to see.
    """
    question = _question(question_id)
    print(f"Q: {question.prompt}")
    if answer is ...:
        _recorded.pop(question_id, None)
        options = f" (one of {', '.join(repr(c) for c in question.choices)})" if question.choices else ""
        print(f"No prediction recorded: replace ... with your answer{options} and run this cell. The next cell "
              "runs the experiment either way.")
        return
    value, problem = _normalise(question, answer)
    if value is None:
        _recorded.pop(question_id, None)
        print(f"Not recorded: {problem}. Got {answer!r}.")
        return
    _recorded[question_id] = value
    print(f"Recorded: {value:g}. Run the next cell to see." if isinstance(value, float)
          else f"Recorded: {value!r}. Run the next cell to see.")


def reveal(question_id, actual):
    """Say what the experiment found, whether the recorded prediction matched it, and why.

    Parameters
    ----------
    question_id : str
    actual : str or float
        What the experiment just found: one of the question's choices, or a number.

    Returns
    -------
    bool or None
        True or False when a prediction was recorded, None when none was.
    """
    question = _question(question_id)
    value, problem = _normalise(question, actual)
    if value is None:
        raise ValueError(f"actual must be what the experiment found ({problem}). Got {actual!r} instead.")
    # six decimals at most: a result that is 0 up to rounding must not print as 2.2e-16 on another machine
    shown = f"{round(value, 6) + 0.0:g}" if isinstance(value, float) else repr(value)
    guess = _recorded.get(question_id)
    if guess is None:
        print(f"The experiment says {shown}. Why: {question.why}.")
        return None
    right = abs(guess - value) <= question.tol if isinstance(value, float) else guess == value
    verdict = "You predicted it." if right else (
        f"You predicted {guess:g}." if isinstance(guess, float) else f"You predicted {guess!r}.")
    print(f"The experiment says {shown}. {verdict} Why: {question.why}.")
    return right
