namespace DpoPipeline.Workflow.Hosting;

/// <summary>An activity entry of <see cref="WorkflowTasks"/>, with the class that does the work.</summary>
public interface IActivityTask : IWorkflowTask
{
    Type ActivityType { get; }
}
