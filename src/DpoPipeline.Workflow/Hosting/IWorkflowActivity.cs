namespace DpoPipeline.Workflow.Hosting;

/// <summary>
/// One step of the workflow with a side effect. Host-neutral: the Functions app binds it to an activity trigger, the
/// local engine registers it through <see cref="ActivityTask{TActivity, TInput, TOutput}"/>.
/// </summary>
public interface IWorkflowActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
