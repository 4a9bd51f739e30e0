using Opto;

namespace Trace.Runtime.Tests.Tracing;

public class SpinGateTests
{
    [Test]
    public void Entering_the_gate_again_on_the_thread_that_holds_it_throws_instead_of_waiting_forever()
    {
        var gate = new SpinGate();
        var attempt = Task.Run(() =>
        {
            using (gate.Enter())
            {
                return Assert.Throws<InvalidOperationException>(() => gate.Enter());
            }
        });

        Assert.That(attempt.Wait(TimeSpan.FromSeconds(30)), Is.True, "the second entry returned");
        Assert.That(attempt.Result!.Message, Does.Contain("entered again"));
        using (gate.Enter())
        {
            // Left as it was: another entry succeeds.
        }
    }

    [Test]
    public void Threads_take_turns()
    {
        var gate = new SpinGate();
        var counter = 0;
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                using (gate.Enter()) counter++;
            }
        });

        Assert.That(counter, Is.EqualTo(80_000));
    }
}
